-- Generated documents (invoices, quotes, receipts, order confirmations, delivery notes, credit
-- notes), their numbering, the shop's product list, and the customers' requests for documents.

-- The next number of each kind of document in each year: taken in the writer's transaction that
-- records the document, so numbers are unique, gapless and never reused.
CREATE TABLE document_counters (
    kind TEXT    NOT NULL,
    year INTEGER NOT NULL,
    next INTEGER NOT NULL,
    PRIMARY KEY (kind, year)
) STRICT;

-- An issued document is never changed in place: a correction is a new document (an invoice is
-- cancelled by a credit note that references it). `data` is the typed document as JSON, from
-- which both files can be made again, byte for byte.
CREATE TABLE documents (
    id          INTEGER PRIMARY KEY,
    kind        TEXT    NOT NULL CHECK (kind IN ('invoice', 'quote', 'receipt', 'order', 'delivery_note', 'credit_note')),
    number      TEXT    NOT NULL UNIQUE,
    year        INTEGER NOT NULL,
    seq         INTEGER NOT NULL,
    contact     TEXT    NOT NULL REFERENCES contacts (wa_id),
    -- 'issuing' until both files are on disk (finished at the next start after a crash),
    -- then 'issued'; 'cancelled' once a credit note cancels it.
    status      TEXT    NOT NULL CHECK (status IN ('issuing', 'issued', 'cancelled')),
    currency    TEXT    NOT NULL,
    lang        TEXT    NOT NULL CHECK (lang IN ('en', 'es')),
    -- Exact decimal strings.
    subtotal    TEXT    NOT NULL,
    tax         TEXT    NOT NULL,
    total       TEXT    NOT NULL,
    data        TEXT    NOT NULL,
    -- Relative to the data dir; hex sha256 of each file as written.
    docx_path   TEXT,
    docx_sha256 TEXT,
    pdf_path    TEXT,
    pdf_sha256  TEXT,
    -- The latest message that carried it.
    message_id  INTEGER REFERENCES messages (id),
    -- A credit note: the document it cancels.
    cancels     INTEGER REFERENCES documents (id),
    created_at  INTEGER NOT NULL,
    UNIQUE (kind, year, seq)
) STRICT;
CREATE INDEX documents_by_contact ON documents (contact, id);
CREATE INDEX documents_by_message ON documents (message_id) WHERE message_id IS NOT NULL;

-- What the document editor completes from.
CREATE TABLE products (
    id         INTEGER PRIMARY KEY,
    name       TEXT    NOT NULL UNIQUE COLLATE NOCASE,
    unit_price TEXT    NOT NULL,
    tax_rate   TEXT    NOT NULL,
    unit       TEXT,
    updated_at INTEGER NOT NULL
) STRICT;

-- A customer asked in the chat for a document the shop has not made yet: shown in the app for
-- the owner to act on.
CREATE TABLE document_requests (
    id          INTEGER PRIMARY KEY,
    contact     TEXT    NOT NULL REFERENCES contacts (wa_id),
    kind        TEXT,
    message_id  INTEGER NOT NULL UNIQUE REFERENCES messages (id),
    created_at  INTEGER NOT NULL,
    resolved_at INTEGER
) STRICT;
CREATE INDEX document_requests_open ON document_requests (contact) WHERE resolved_at IS NULL;
