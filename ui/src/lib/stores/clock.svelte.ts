// The current time for labels like "Today" and "Yesterday", refreshed every minute so they
// turn over at midnight. A clock, not a poll: it never calls Rust.
export class Clock {
  now = $state(new Date());

  start(intervalMs = 60_000): () => void {
    const timer = setInterval(() => {
      this.now = new Date();
    }, intervalMs);
    return () => clearInterval(timer);
  }
}

export const clock = new Clock();
