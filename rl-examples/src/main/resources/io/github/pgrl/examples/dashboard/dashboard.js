// The pgrl dashboard: reads the runs' CSV files from the server, draws them with uPlot, and follows the
// server-sent events to fetch the rows written since. Every chart's element carries data-points, the number
// of points it shows (the browser test reads it).
"use strict";

const COLORS = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b", "#e377c2"];
// per-update statistics, in this order, when some run's updates.csv has them
const STATS = [
  ["policy_loss", "policy loss"], ["value_loss", "value loss"], ["entropy", "entropy (nats)"],
  ["approx_kl", "approximate KL"], ["clip_fraction", "clip fraction"], ["explained_variance", "explained variance"],
  ["gradient_norm", "gradient norm"], ["steps_per_second", "steps per second"]];
const FILES = ["metrics.csv", "updates.csv"];

const runs = [];          // {id, name, folder, properties, files: {name: {header: [], rows: [[...]], next: byte offset}}}
const charts = {};        // id -> {plot, x, y, title}

function size() {
  const w = Math.max(320, Math.min(620, (document.body.clientWidth - 60) / 2));
  return {width: w, height: Math.round(w * 0.5)};
}

function column(file, name) {
  const i = file.header.indexOf(name);
  return i < 0 ? null : file.rows.map(r => r[i]);
}

// a run's seconds restart at 0 when it is resumed: the resumed session's count starts where the earlier
// session's ended
function elapsed(xs) {
  let offset = 0;
  let last = -Infinity;
  return xs.map(x => {
    if (x + offset < last) {
      offset = last;
    }
    last = x + offset;
    return last;
  });
}

// each run's [x, y]; where several points share an x (episodes that ended in one update share its time),
// the chart shows the last
function series(x, y, fileName) {
  const tables = [];
  for (const run of runs) {
    const f = run.files[fileName];
    const raw = f ? column(f, x) : null;
    const xs = raw && x === "seconds" ? elapsed(raw) : raw;
    const ys = f ? column(f, y) : null;
    tables.push(xs && ys && xs.length ? [xs, ys] : [[], []]);
  }
  return tables;
}

// aligns every run's [x, y] on one x axis (uPlot wants one), with null where a run has no point
function align(tables) {
  const xs = Array.from(new Set(tables.flatMap(t => t[0]))).sort((a, b) => a - b);
  const index = new Map(xs.map((x, i) => [x, i]));
  const data = [xs];
  for (const [tx, ty] of tables) {
    const ys = new Array(xs.length).fill(null);
    tx.forEach((x, i) => { ys[index.get(x)] = ty[i]; });
    data.push(ys);
  }
  return data;
}

// 250000 -> "250k": step counts stay readable on a narrow axis
function short(v) {
  const a = Math.abs(v);
  return a >= 1e6 ? +(v / 1e6).toFixed(2) + "M" : a >= 1e4 ? +(v / 1e3).toFixed(1) + "k" : String(+v.toFixed(3));
}

function draw(id, title, fileName, x, xLabel, y) {
  const el = document.getElementById(id);
  const data = align(series(x, y, fileName));
  const points = data.slice(1).reduce((n, ys) => n + ys.filter(v => v !== null).length, 0);
  el.dataset.points = String(points);
  let c = charts[id];
  if (c && c.runs !== runs.length) {
    c.plot.destroy();
    c = null;
  }
  if (!c) {
    const opts = {
      title, ...size(),
      scales: {x: {time: false}},
      axes: [{label: xLabel, space: 60, values: (u, ticks) => ticks.map(short)}, {size: 64}],
      series: [{label: xLabel}].concat(runs.map((r, i) => (
        {label: r.name, stroke: COLORS[i % COLORS.length], width: 1.5, spanGaps: true, points: {show: false}}))),
    };
    c = charts[id] = {plot: new uPlot(opts, data, el), runs: runs.length};
  } else {
    c.plot.setData(data);
  }
}

function updateCharts() {
  draw("by-episode", "Running score by episode", "metrics.csv", "episode", "episode", "running_score");
  draw("by-time", "Running score by wall time", "metrics.csv", "seconds", "seconds", "running_score");
  const box = document.getElementById("updates");
  for (const [name, title] of STATS) {
    if (!runs.some(r => r.files["updates.csv"] && r.files["updates.csv"].header.includes(name))) {
      continue;
    }
    const id = "update-" + name;
    if (!document.getElementById(id)) {
      const el = document.createElement("div");
      el.id = id;
      el.className = "chart";
      el.dataset.points = "0";
      box.appendChild(el);
    }
    draw(id, title + " by environment step", "updates.csv", "total_steps", "environment steps", name);
  }
}

function parse(text) {
  const lines = text.split("\n").filter(l => l.length > 0);
  if (!lines.length) {
    return {header: [], rows: []};
  }
  return {header: lines[0].split(","), rows: lines.slice(1).map(l => l.split(",").map(Number))};
}

// reads the rows written since the last answer (from its byte offset), or the whole file
async function load(run, fileName, reset) {
  const have = run.files[fileName];
  const from = reset || !have ? 0 : have.next;
  const response = await fetch(`/api/runs/${run.id}/${fileName}?from=${from}`);
  if (!response.ok) {
    throw new Error(`${fileName} of ${run.name}: HTTP ${response.status}`);
  }
  const next = Number(response.headers.get("X-Next-Offset") || 0);
  const whole = from === 0 || response.headers.get("X-Reset") === "1";
  const got = parse(await response.text());
  got.next = next;
  if (!got.header.length) {
    if (whole) {
      delete run.files[fileName]; // the file is gone, or has no header yet
    }
  } else if (whole || !have) {
    run.files[fileName] = got;
  } else if (have.header.join() !== got.header.join()) {
    await load(run, fileName, true); // written anew with another header
  } else {
    have.rows.push(...got.rows);
    have.next = next;
  }
}

function showRuns() {
  const box = document.getElementById("runs");
  box.textContent = "";
  runs.forEach((run, i) => {
    const card = document.createElement("div");
    card.className = "run";
    const h = document.createElement("h3");
    const swatch = document.createElement("span");
    swatch.className = "swatch";
    swatch.style.background = COLORS[i % COLORS.length];
    h.append(swatch, run.name);
    card.appendChild(h);
    const folder = document.createElement("div");
    folder.className = "note";
    folder.textContent = run.folder;
    card.appendChild(folder);
    const keys = Object.keys(run.properties);
    for (const [title, pick] of [["options", k => !k.startsWith("config.") && !k.startsWith("machine.")],
                                 ["machine", k => k.startsWith("machine.")],
                                 ["configuration", k => k.startsWith("config.")]]) {
      const chosen = keys.filter(pick);
      if (!chosen.length) {
        continue;
      }
      const details = document.createElement("details");
      details.open = title !== "configuration";
      const summary = document.createElement("summary");
      summary.textContent = title;
      const table = document.createElement("table");
      for (const k of chosen) {
        const tr = table.insertRow();
        tr.insertCell().textContent = k;
        tr.insertCell().textContent = run.properties[k];
      }
      details.append(summary, table);
      card.appendChild(details);
    }
    const img = document.createElement("img");
    img.alt = "";
    img.onerror = () => { img.remove(); };
    img.src = `/api/runs/${run.id}/frame.gif`;
    card.appendChild(img);
    box.appendChild(card);
  });
}

async function start() {
  const list = await (await fetch("/api/runs")).json();
  for (const r of list) {
    runs.push({...r, files: {}});
  }
  await Promise.all(runs.flatMap(r => FILES.map(f => load(r, f, true).catch(err => console.warn(err)))));
  showRuns();
  updateCharts();
  const status = document.getElementById("status");
  const events = new EventSource("/events");
  let pending = Promise.resolve();
  events.onopen = () => { status.textContent = "live"; status.className = "status live"; };
  events.onerror = () => { status.textContent = "disconnected, retrying"; status.className = "status lost"; };
  events.onmessage = e => {
    const change = JSON.parse(e.data);
    const run = runs[change.run];
    // one load at a time, in the order of the events, so rows are appended in file order
    pending = pending.then(() => load(run, change.file, change.kind === "reset")).then(updateCharts)
        .catch(err => console.warn("pgrl dashboard:", err)); // the next event tries again
  };
}

start();
