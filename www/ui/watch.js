// Waiting, with a way out: a download that has not arrived after a while
// is not a reason for a blank or frozen box. The person is told, and
// offered a retry; the download goes on meanwhile, and is used if it comes.

/** How long a download may take before a retry is offered: enough for a slow phone line. */
export const SLOW_MS = 15000;

/** Calls `slow()` if `promise` has not settled within SLOW_MS. */
export function whenSlow(promise, slow) {
  const timer = setTimeout(slow, SLOW_MS);
  const stop = () => clearTimeout(timer);
  promise.then(stop, stop);
}

/** A "Try again" button that calls `retry` once. */
export function retryButton(text, retry) {
  const button = document.createElement("button");
  button.type = "button";
  button.className = "retry";
  button.textContent = text.retry;
  button.addEventListener("click", retry, { once: true });
  return button;
}
