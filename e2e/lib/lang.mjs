// The language the app runs in for this session (E2E_LANG: `en`, the default, or `es`), and the few
// words the steps read on screen in each. Every other check goes by data-testid and by the data
// the test itself typed. The machine's own language is English: a Spanish session chooses Spanish
// in the status bar first, as an owner would (following the system's language is vitest's).
export const LANG = process.env.E2E_LANG === 'es' ? 'es' : 'en';
/** The status bar's language choice that gives the session's language. */
export const CHOICE = LANG === 'en' ? 'system' : LANG;

const WORDS = {
  en: {
    reactedPrefix: 'You reacted 👍 to',
    received: /(\d+) received/,
    delivered: /Delivered (\d+)/,
    paramAtStart: /start/i,
    live: 'Live',
    tokenRefused: /Meta refused the access token/,
    rail: { statistics: 'Statistics', templates: 'Templates', customers: 'Customers' },
    reactWithThumbs: 'React with 👍',
    invoiceTotal: '30.25 EUR',
    allLabels: 'All labels',
    products: 'Products',
    newProduct: { name: 'New product name', price: 'New product unit price', tax: 'New product tax %' },
    line: { description: (n) => `Line ${n} description`, quantity: (n) => `Line ${n} quantity`, unitPrice: (n) => `Line ${n} unit price` },
  },
  es: {
    reactedPrefix: 'Reaccionaste con 👍 a',
    received: /(\d+) recibidos/,
    delivered: /Entregados (\d+)/,
    paramAtStart: /empezar/i,
    live: 'En vivo',
    tokenRefused: /Meta rechazó el token de acceso/,
    rail: { statistics: 'Estadísticas', templates: 'Plantillas', customers: 'Clientes' },
    reactWithThumbs: 'Reaccionar con 👍',
    invoiceTotal: '30,25 EUR',
    allLabels: 'Todas las etiquetas',
    products: 'Productos',
    newProduct: { name: 'Nombre del producto nuevo', price: 'Precio unitario del producto nuevo', tax: 'Impuesto % del producto nuevo' },
    line: {
      description: (n) => `Descripción de la línea ${n}`,
      quantity: (n) => `Cantidad de la línea ${n}`,
      unitPrice: (n) => `Precio unitario de la línea ${n}`,
    },
  },
};

/** The words of the session's language; `other()` those of the other one. */
export const words = WORDS[LANG];
export const OTHER = LANG === 'es' ? 'en' : 'es';
export const otherWords = WORDS[OTHER];
