// The lab's "run in this browser" button: runs every single-connection case
// with this browser's own WebSocket, then shows the run's report.

const runner = document.querySelector("[data-lab-runner]");

/** One case: echo every message, and wait for the close (bounded). */
function runCase(socketUrl) {
  return new Promise((resolve) => {
    const url = new URL(socketUrl, location.href);
    url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
    const socket = new WebSocket(url);
    socket.binaryType = "arraybuffer";
    const timer = setTimeout(() => {
      socket.close();
      resolve();
    }, 25000);
    socket.onmessage = (event) => {
      try {
        socket.send(event.data);
      } catch {
        // A socket already closing refuses to send: nothing to echo.
      }
    };
    socket.onclose = () => {
      clearTimeout(timer);
      resolve();
    };
  });
}

function cell(row, text, tag = "td") {
  const element = document.createElement(tag);
  element.textContent = text;
  row.append(element);
  return element;
}

function showReport(report, into) {
  const table = document.createElement("table");
  table.className = "lab-results";
  const body = table.createTBody();
  for (const result of report.cases) {
    if (result.verdict === "not-run") continue;
    const row = body.insertRow();
    row.className = `verdict-${result.verdict}`;
    cell(row, result.id, "th").scope = "row";
    const verdict = cell(row, result.verdict);
    verdict.dataset.verdict = result.verdict;
    cell(row, result.observed);
  }
  into.replaceChildren(table);
}

/** The JSON of `url`, or an error naming the status. */
async function fetchJson(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${response.status} ${response.statusText} (${url})`);
  return response.json();
}

async function runAll(run, status, result) {
  const { cases } = await fetchJson(runner.dataset.casesUrl);
  const runnable = cases.filter((c) => c.single_connection);
  for (const [index, c] of runnable.entries()) {
    status.textContent = runner.dataset.running.replace("{n}", index + 1).replace("{total}", runnable.length);
    await runCase(c.url.replace("RUN", run));
  }
  const lang = runner.dataset.lang === "en" ? "" : `?lang=${runner.dataset.lang}`;
  showReport(await fetchJson(`${runner.dataset.apiPrefix}${run}${lang}`), result);
  const link = document.createElement("a");
  link.href = `${runner.dataset.reportPrefix}${run}`;
  link.textContent = link.href;
  status.replaceChildren(`${runner.dataset.done} `, link);
  runner.dataset.run = run;
}

if (runner) {
  const button = runner.querySelector("button");
  const status = runner.querySelector("[data-lab-status]");
  const result = runner.querySelector("[data-lab-result]");
  button.addEventListener("click", async () => {
    button.disabled = true;
    const run = `browser-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
    try {
      await runAll(run, status, result);
    } catch (error) {
      status.textContent = runner.dataset.failed.replace("{error}", error.message);
    } finally {
      button.disabled = false;
    }
  });
}
