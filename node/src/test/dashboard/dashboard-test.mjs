// Drives the embedded dashboard in Debian's headless Chromium (playwright-core, no downloaded
// browser). Run by DashboardBrowserTest with:
//   DASHBOARD_URL   http://127.0.0.1:PORT/
//   DASHBOARD_TOKEN the API token
//   CHROMIUM        the browser binary (/usr/bin/chromium)
//   USER_DATA_DIR   a fresh profile directory
//   SCREENSHOT      where to save the routing screenshot (siblings get -shaper/-lab/-lookups)
// Prints one JSON line with what it saw; exits 1 with a message on the first failed check.
import { chromium } from "playwright-core";

const url = process.env.DASHBOARD_URL;
const token = process.env.DASHBOARD_TOKEN;
const executablePath = process.env.CHROMIUM || "/usr/bin/chromium";
const userDataDir = process.env.USER_DATA_DIR;
const screenshot = process.env.SCREENSHOT;
const TIMEOUT = 30000;

function fail(message) {
  console.error("dashboard-test: " + message);
  process.exit(1);
}

function check(cond, message) {
  if (!cond) {
    throw new Error(message);
  }
}

for (const [name, v] of Object.entries({ DASHBOARD_URL: url, DASHBOARD_TOKEN: token,
  USER_DATA_DIR: userDataDir, SCREENSHOT: screenshot })) {
  if (!v) {
    fail(name + " is not set");
  }
}

const sibling = (suffix) => screenshot.replace(/\.png$/, "-" + suffix + ".png");

const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath,
  headless: true,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  viewport: { width: 1280, height: 1000 },
});
const problems = [];
const seen = {};
try {
  const page = context.pages()[0] || await context.newPage();
  page.setDefaultTimeout(TIMEOUT);
  page.on("pageerror", (e) => problems.push("page error: " + e.message));
  page.on("console", (m) => {
    if (m.type() === "error") {
      problems.push("console error: " + m.text());
    }
  });
  page.on("request", (r) => {
    if (!r.url().startsWith(url)) {
      problems.push("request outside the node: " + r.url());
    }
  });

  // 1. the page loads without a token and asks for one
  const resp = await page.goto(url);
  check(resp && resp.ok(), "GET / answered " + (resp && resp.status()));
  await page.waitForSelector("#login #token");
  check(await page.getAttribute("body", "data-state") === "login", "page does not start at login");

  // 2. a wrong token is refused with a message, the app stays hidden
  await page.fill("#token", "wrong-token");
  await page.click("#login button[type=submit]");
  await page.waitForFunction(() => document.querySelector("#message").classList.contains("error"));
  seen.wrongToken = await page.textContent("#message");
  check(/refused/.test(seen.wrongToken), "wrong token message: " + seen.wrongToken);
  check(await page.isHidden("#app"), "app visible without a valid token");
  // the browser logs the 401 answers as failed resources; they are expected here
  problems.length = 0;

  // 3. the right token opens the dashboard
  await page.fill("#token", token);
  await page.click("#login button[type=submit]");
  await page.waitForSelector("body[data-state=ready]");
  seen.kadId = (await page.textContent("#node-id")).trim();
  check(/^[0-9A-F]{32}$/.test(seen.kadId), "node KadID shown: " + seen.kadId);

  // 4. routing: a non-empty table of contacts with KadID, endpoint, state, type, age
  await page.click("#tabs button[data-tab=routing]");
  await page.waitForSelector("#routing tbody tr.contact");
  const rows = await page.$$eval("#routing tbody tr.contact", (trs) =>
    trs.map((tr) => Array.from(tr.cells, (td) => td.textContent)));
  seen.contacts = rows.length;
  check(rows.length > 0, "routing table is empty");
  for (const r of rows) {
    check(/^[0-9A-F]{32}$/.test(r[1]), "contact KadID: " + r[1]);
    check(/\.b32\.i2p$/.test(r[2]), "contact endpoint: " + r[2]);
    check(/^(seen|challenged|verified|stable|decayed)/.test(r[3]), "contact state: " + r[3]);
    check(/^[0-4]$/.test(r[4]), "contact type: " + r[4]);
    check(/\d+ (s|min|h)$/.test(r[5]), "contact age: " + r[5]);
  }
  seen.summary = await page.textContent("#routing-summary");
  await page.screenshot({ path: screenshot, fullPage: true });

  // 5. shaper: one histogram per urgency class, drawn
  await page.click("#tabs button[data-tab=shaper]");
  await page.waitForFunction(() => document.querySelectorAll("#histograms figure canvas").length === 3);
  seen.histograms = await page.$$eval("#histograms figure", (fs) => fs.map((f) => f.id));
  const inked = await page.$$eval("#histograms canvas", (cs) => cs.map((c) => {
    const d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 3; i < d.length; i += 4) {
      n += d[i] > 0 ? 1 : 0;
    }
    return n;
  }));
  check(inked.every((n) => n > 100), "histogram canvases are blank: " + inked);  // text when empty
  // the alarm table: "no alarm raised" or one row per raised alarm
  await page.waitForSelector("#shaper-alarms tbody tr");
  seen.alarms = await page.textContent("#shaper-alarms tbody");
  check(/no alarm raised|_/.test(seen.alarms), "shaper alarm table: " + seen.alarms);
  await page.screenshot({ path: sibling("shaper"), fullPage: true });

  // 6. lookups: start a node lookup, see it listed and its progress event arrive
  await page.click("#tabs button[data-tab=lookups]");
  await page.click("#lookup-random");
  await page.click("#lookup-form button[type=submit]");
  await page.waitForSelector("#lookups tbody tr.lookup");
  seen.lookupMessage = await page.textContent("#lookup-message");
  check(/^started lookup /.test(seen.lookupMessage), "lookup start: " + seen.lookupMessage);
  await page.waitForSelector("#events li.lookup_progressed", { state: "attached" });
  // the lookup ends (a NODE lookup lives at most 120 s): its end arrives as an event too
  await page.waitForFunction(() => Array.from(document.querySelectorAll("#events li.lookup_progressed"))
    .some((li) => / finished: /.test(li.textContent)), null, { timeout: 150000 });
  await page.waitForFunction(() => {
    const row = document.querySelector("#lookups tbody tr.lookup");
    return row && row.cells[3].textContent === "finished";
  }, null, { timeout: 30000 });
  seen.lookup = await page.$eval("#lookups tbody tr.lookup", (tr) =>
    Array.from(tr.cells, (td) => td.textContent).join(" "));
  check(await page.isVisible("#publications"), "publications table");
  await page.screenshot({ path: sibling("lookups"), fullPage: true });

  // 7. lab: the network view and figures
  if (await page.isVisible("#lab-tab")) {
    await page.click("#tabs button[data-tab=lab]");
    await page.waitForSelector("#lab-network tbody tr");
    seen.labNodes = Number(await page.$eval("#lab-network tbody tr:last-child td:last-child",
      (td) => td.textContent));
    check(seen.labNodes > 1, "lab nodes: " + seen.labNodes);
    // pick another lab node: its own table is fetched and summarised
    await page.waitForFunction(() => document.querySelectorAll("#lab-node option").length > 1);
    const other = await page.$eval("#lab-node", (s) =>
      Array.from(s.options).find((o) => !/viewed/.test(o.textContent)).value);
    const fetched = page.waitForResponse((r) => r.url().includes("/api/v1/lab/nodes/" + other + "/routing"));
    await page.selectOption("#lab-node", other);
    const answer = await fetched;
    check(answer.status() === 200, "lab node routing: HTTP " + answer.status());
    await page.waitForFunction(() => / contacts, /.test(document.querySelector("#lab-node-summary").textContent));
    seen.labNode = other + ": " + await page.textContent("#lab-node-summary");
    await page.screenshot({ path: sibling("lab"), fullPage: true });
  }

  // 8. a #token= fragment logs in and leaves the address bar
  const second = await context.newPage();
  second.setDefaultTimeout(TIMEOUT);
  second.on("pageerror", (e) => problems.push("page error: " + e.message));
  await second.goto(url + "#token=" + encodeURIComponent(token) + "&tab=routing");
  await second.waitForSelector("body[data-state=ready]");
  await second.waitForSelector("#routing tbody tr.contact");
  check(new URL(second.url()).hash === "", "token left in the address bar: " + second.url());

  check(problems.length === 0, problems.join("; "));
  console.log(JSON.stringify({ ok: true, ...seen }));
} catch (e) {
  console.error("dashboard-test: " + e.message);
  if (problems.length) {
    console.error("dashboard-test: also " + problems.join("; "));
  }
  try {
    const p = context.pages()[0];
    if (p) {
      await p.screenshot({ path: sibling("failure"), fullPage: true });
    }
  } catch (ignored) {
    // no screenshot
  }
  await context.close();
  process.exit(1);
}
await context.close();
