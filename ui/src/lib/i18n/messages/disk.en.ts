// The disk's words in English: files held to protect it, and the disk in the diagnostics
// (spread into `en.ts`; `disk.es.ts` matches it key for key).
export const diskEn = {
  "disk.held_disk_space":
    "Not downloaded: the disk is nearly full. Free some space, or download it anyway.",
  "disk.held_daily_budget":
    "Not downloaded: this customer sent more files today than the daily limit allows. Download it anyway if you expect it.",
  "disk.held_size": "{size} file.",
  "disk.download_anyway": "Download anyway",
  "disk.downloading_anyway": "Starting…",
  "disk.diagnostics_disk": "Disk",
  "disk.diagnostics_free": "{free} free",
  "disk.diagnostics_free_unknown": "Free space unknown",
  "disk.diagnostics_floor": "Files customers send are held below {floor} free, and past {budget} per customer a day.",
  "disk.diagnostics_spool": "Webhook backlog",
  "disk.diagnostics_spool_value":
    "{records, plural, =0 {Nothing waiting} one {# webhook waiting} other {# webhooks waiting}} ({bytes} of {cap})",
  "disk.diagnostics_spool_hint": "Webhooks on disk not yet in the database; past the cap Meta is asked to send them again later.",
};
