// dsr-flow's service-level dashboard for Camunda Cockpit 7.24: the figures of
// {cockpitApi}/plugin/dsr-sla/{engine}/sla (the same as GET /api/staff/sla) as tables and two bar charts
// drawn here as inline SVG (no chart library, nothing loaded from elsewhere). Staff read words, never
// codes: the figures carry the labels of types, stages, sites and departments.
const escape = (value) => String(value ?? '').replace(/[&<>"']/g, (c) => ({'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'}[c]));

const DAY = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });
const day = (iso) => DAY.format(new Date(`${iso}T00:00:00Z`));
const span = (from, to) => (from && to ? `${day(from)} – ${day(to)}` : from ? `from ${day(from)}` : 'due before today');
const total = (values) => values.reduce((a, b) => a + b, 0);

/** The y axis' top and step: 1, 2 or 5 times a power of ten, at most five steps. */
function scale(max) {
  for (let power = 1; ; power *= 10) {
    for (const step of [power, 2 * power, 5 * power]) {
      if (Math.ceil(max / step) <= 5) {
        return { top: Math.max(1, Math.ceil(max / step)) * step, step };
      }
    }
  }
}

/**
 * A bar chart as inline SVG: one <g class="dsr-bar"> per bar, its segments stacked in series order, with
 * a <title> (tooltip) saying its figures; the chart's <title> and <desc> name it for screen readers, and
 * the table beside it gives every figure as text.
 */
function barChart({ id, title, summary, bars, series }) {
  const width = 600;
  const height = 250;
  const [top, bottom, left, right] = [22, 46, 34, 6];
  const plot = height - top - bottom;
  const slot = (width - left - right) / bars.length;
  const barWidth = Math.min(38, slot * 0.62);
  const axis = scale(Math.max(0, ...bars.map((bar) => total(bar.values))));
  const y = (value) => top + plot - (value / axis.top) * plot;
  let grid = '';
  for (let tick = 0; tick <= axis.top; tick += axis.step) {
    grid += `<line class="dsr-grid" x1="${left}" x2="${width - right}" y1="${y(tick)}" y2="${y(tick)}"/>`
      + `<text class="dsr-tick" x="${left - 6}" y="${y(tick) + 4}" text-anchor="end">${tick}</text>`;
  }
  const drawn = bars.map((bar, i) => {
    const x = left + i * slot + (slot - barWidth) / 2;
    const middle = x + barWidth / 2;
    let base = 0;
    const segments = bar.values.map((value, s) => {
      const rect = value > 0
        ? `<rect class="${escape(bar.classes ? bar.classes[s] : series[s].className)}" x="${x}" y="${y(base + value)}" width="${barWidth}" height="${y(base) - y(base + value)}"/>`
        : '';
      base += value;
      return rect;
    }).join('');
    const sum = total(bar.values);
    return `<g class="dsr-bar"><title>${escape(bar.tooltip)}</title>${segments}`
      + (sum > 0 ? `<text class="dsr-value" x="${middle}" y="${y(sum) - 5}" text-anchor="middle">${sum}</text>` : '')
      + `<text class="dsr-axis" x="${middle}" y="${height - bottom + 17}" text-anchor="middle">${escape(bar.label)}</text>`
      + `<text class="dsr-axis-sub" x="${middle}" y="${height - bottom + 33}" text-anchor="middle">${escape(bar.sub)}</text></g>`;
  }).join('');
  return `<svg id="${id}" class="dsr-chart" role="img" aria-labelledby="${id}-title ${id}-desc" viewBox="0 0 ${width} ${height}"`
    + ` preserveAspectRatio="xMidYMid meet" xmlns="http://www.w3.org/2000/svg">`
    + `<title id="${id}-title">${escape(title)}</title><desc id="${id}-desc">${escape(summary)}</desc>`
    + `${grid}<line class="dsr-baseline" x1="${left}" x2="${width - right}" y1="${y(0)}" y2="${y(0)}"/>${drawn}</svg>`;
}

function legend(entries) {
  return `<ul class="dsr-legend">${entries.map(([className, name]) =>
    `<li><svg width="12" height="12" aria-hidden="true"><rect class="${className}" width="12" height="12"/></svg> ${escape(name)}</li>`).join('')}</ul>`;
}

function answersChart(weeks) {
  const onTime = total(weeks.map((w) => w.onTime));
  const late = total(weeks.map((w) => w.late));
  const title = `Answered on time and late, by week (last ${weeks.length} weeks)`;
  const first = weeks[0];
  const last = weeks[weeks.length - 1];
  const summary = `${onTime} requests answered on time and ${late} late from ${first.label} to ${last.label} (${span(first.from, last.to)}). `
    + weeks.filter((w) => w.onTime + w.late > 0).map((w) => `${w.label}: ${w.onTime} on time, ${w.late} late`).join('; ');
  const chart = barChart({
    id: 'dsr-chart-answers', title, summary,
    series: [{ className: 'dsr-on-time' }, { className: 'dsr-late' }],
    bars: weeks.map((w) => ({
      label: w.label, sub: day(w.from), values: [w.onTime, w.late],
      tooltip: `${w.label} (${span(w.from, w.to)}): ${w.onTime} on time, ${w.late} late`,
    })),
  });
  const rows = weeks.map((w) => `<tr><th scope="row">${escape(w.label)}</th><td>${escape(span(w.from, w.to))}</td><td>${w.onTime}</td><td>${w.late}</td></tr>`).join('');
  return figure('answers', title, chart, legend([['dsr-on-time', 'On time'], ['dsr-late', 'Late']]),
    `<thead><tr><th scope="col">Week</th><th scope="col">Days</th><th scope="col">On time</th><th scope="col">Late</th></tr></thead><tbody>${rows}</tbody>`);
}

function dueChart(buckets) {
  const title = 'Open requests by due week';
  const className = (b, i) => (b.key === 'overdue' ? 'dsr-overdue-bar' : i === 1 ? 'dsr-this-week' : b.key === 'later' ? 'dsr-later' : 'dsr-open');
  const summary = `${total(buckets.map((b) => b.open))} open requests. `
    + buckets.map((b) => `${b.label}${b.key === 'overdue' ? '' : ` (${span(b.from, b.to)})`}: ${b.open}`).join('; ');
  const chart = barChart({
    id: 'dsr-chart-due', title, summary,
    series: [{ className: 'dsr-open' }],
    bars: buckets.map((b, i) => ({
      label: b.label, sub: b.key === 'overdue' ? 'past due' : b.to ? day(b.from) : `from ${day(b.from)}`, values: [b.open],
      classes: [className(b, i)],
      tooltip: `${b.label}${b.key === 'overdue' ? '' : ` (${span(b.from, b.to)})`}: ${b.open} open`,
    })),
  });
  const rows = buckets.map((b) => `<tr><th scope="row">${escape(b.label)}</th><td>${escape(span(b.from, b.to))}</td><td>${b.open}</td></tr>`).join('');
  return figure('due', title, chart, legend([['dsr-overdue-bar', 'Overdue'], ['dsr-this-week', 'Due this week'], ['dsr-open', 'Due in a later week'], ['dsr-later', 'Due after that']]),
    `<thead><tr><th scope="col">Due</th><th scope="col">Days</th><th scope="col">Open</th></tr></thead><tbody>${rows}</tbody>`);
}

function figure(name, title, chart, key, table) {
  return `<figure class="dsr-figure"><figcaption>${escape(title)}</figcaption>${chart}${key}`
    + `<details><summary>The figures as a table</summary><table class="table table-condensed" id="dsr-chart-${name}-table">${table}</table></details></figure>`;
}

function render(node, figures, registerUrl) {
  const percent = (p) => (p.onTimePercent == null ? '–' : `${p.onTimePercent} %`);
  const stages = figures.stages.map((s) => `<tr><td>${escape(s.label)}</td><td>${s.open}</td></tr>`).join('');
  const periods = figures.closedOnTime.map((p) =>
    `<tr><td>${p.days} days</td><td>${p.answered}</td><td>${p.onTime}</td><td>${percent(p)}</td></tr>`).join('');
  const byType = figures.byType.map((t) =>
    `<tr><td>${escape(t.label)}</td><td>${t.open}</td><td>${t.dueWithinSevenDays}</td><td class="${t.overdue > 0 ? 'dsr-bad' : ''}">${t.overdue}</td>${
      t.closedOnTime.map((p) => `<td>${p.onTime} of ${p.answered} (${percent(p)})</td>`).join('')}<td>${t.medianDaysToAnswer ?? '–'}</td></tr>`).join('');
  const byTypePeriods = figures.closedOnTime.map((p) => `<th scope="col">On time, last ${p.days} days</th>`).join('');
  const departments = figures.departments.map((d) =>
    `<tr><td>${escape(d.name)}</td><td>${d.openTasks}</td><td>${d.oldestTaskAgeDays ?? '–'}</td><td class="${d.overdueTasks > 0 ? 'dsr-bad' : ''}">${d.overdueTasks}</td></tr>`).join('');
  const daysLeft = (n) => (n < 0 ? `${-n} overdue` : n === 0 ? 'due today' : n);
  const closest = figures.closestToDeadline.map((r) =>
    `<tr class="${r.daysLeft < 0 ? 'dsr-overdue' : ''}"><td><a href="${escape(r.cockpitUrl)}">${escape(r.reference)}</a></td><td>${escape(r.typeLabel)}</td><td>${escape(r.siteName)}</td><td>${escape(r.stageLabel)}</td><td>${escape(r.answerDueDate)}</td><td>${daysLeft(r.daysLeft)}</td></tr>`).join('');
  const bounced = (figures.bounced || []).map((b) =>
    `<tr><td><a href="${escape(b.cockpitUrl)}">${escape(b.reference)}</a></td><td>${b.emails}</td><td class="${b.answerBounced ? 'dsr-bad' : ''}">${b.answerBounced ? 'yes: not delivered' : 'no'}</td></tr>`).join('');
  node.innerHTML = `
    <section class="dsr-sla" id="dsr-sla" aria-labelledby="dsr-sla-title">
      <div class="dsr-head">
        <h2 id="dsr-sla-title">Data-subject requests</h2>
        <a id="dsr-register-csv" class="btn btn-default" href="${escape(registerUrl)}" download="dsr-register.csv"><span class="glyphicon glyphicon-download-alt" aria-hidden="true"></span> Download the register (CSV)</a>
      </div>
      <div class="dsr-kpis">
        <div><span class="dsr-kpi" id="dsr-open">${figures.open}</span> open</div>
        <div><span class="dsr-kpi" id="dsr-due-soon">${figures.dueWithinSevenDays}</span> due within 7 days</div>
        <div><span class="dsr-kpi ${figures.overdue > 0 ? 'dsr-bad' : ''}" id="dsr-overdue">${figures.overdue}</span> overdue</div>
        <div><span class="dsr-kpi">${figures.medianDaysToAnswer ?? '–'}</span> median days to answer (90th percentile ${figures.p90DaysToAnswer ?? '–'})</div>
      </div>
      <div class="dsr-charts">${answersChart(figures.byWeek)}${dueChart(figures.openByDueWeek)}</div>
      <div class="dsr-columns">
        <div><h3>Open by stage</h3>
          <table class="table table-condensed"><thead><tr><th scope="col">Stage</th><th scope="col">Open</th></tr></thead><tbody>${stages}</tbody></table></div>
        <div><h3>Answered on time</h3>
          <table class="table table-condensed"><thead><tr><th scope="col">Last</th><th scope="col">Answered</th><th scope="col">On time</th><th scope="col">%</th></tr></thead><tbody>${periods}</tbody></table></div>
      </div>
      <h3>By request type</h3>
      <table class="table table-condensed" id="dsr-by-type"><thead><tr><th scope="col">Type</th><th scope="col">Open</th><th scope="col">Due within 7 days</th><th scope="col">Overdue</th>${byTypePeriods}<th scope="col">Median days to answer</th></tr></thead><tbody>${byType}</tbody></table>
      <h3>Departments</h3>
      <table class="table table-condensed"><thead><tr><th scope="col">Department</th><th scope="col">Open tasks</th><th scope="col">Oldest (days)</th><th scope="col">Overdue</th></tr></thead><tbody>${departments}</tbody></table>
      <h3>Closest to the deadline</h3>
      <table class="table table-condensed"><thead><tr><th scope="col">Request</th><th scope="col">Type</th><th scope="col">Site</th><th scope="col">Stage</th><th scope="col">Due</th><th scope="col">Days left</th></tr></thead><tbody>${closest || '<tr><td colspan="6">none</td></tr>'}</tbody></table>
      <h3>Emails that bounced</h3>
      <table class="table table-condensed" id="dsr-bounced"><thead><tr><th scope="col">Request</th><th scope="col">Bounced emails</th><th scope="col">The answer bounced</th></tr></thead><tbody>${bounced || '<tr><td colspan="3">none</td></tr>'}</tbody></table>
    </section>`;
}

/**
 * Cockpit 7.24 draws every `cockpit.dashboard` plugin in its "Custom Plugins" section below its own
 * panels; the priority orders plugins inside that section only, and config.js has no setting for it.
 * Managers open Cockpit for this dashboard, so once the panel is on the page its section moves to the
 * top of Cockpit's dashboard (in the document, so reading and tab order follow). If Cockpit's markup
 * changes, nothing breaks: the panel stays where Cockpit put it.
 */
function showFirst(node, attempts = 60) {
  if (!node.isConnected) {
    if (attempts > 0) {
      requestAnimationFrame(() => showFirst(node, attempts - 1));
    }
    return;
  }
  const section = node.closest('section.deprecate');
  const dashboard = section && section.parentElement;
  if (dashboard && dashboard.classList.contains('dashboard') && dashboard.firstElementChild !== section) {
    dashboard.insertBefore(section, dashboard.firstElementChild);
  }
}

export default [{
  id: 'dsr-sla-dashboard',
  pluginPoint: 'cockpit.dashboard',
  priority: 100,
  render: (node, { api }) => {
    const base = `${api.cockpitApi}/plugin/dsr-sla/${api.engine}`;
    node.innerHTML = '<p>Loading the service levels of data-subject requests…</p>';
    showFirst(node);
    fetch(`${base}/sla`, { headers: { 'X-XSRF-TOKEN': api.CSRFToken, Accept: 'application/json' } })
      .then((response) => (response.ok ? response.json() : Promise.reject(response.status)))
      .then((figures) => render(node, figures, `${base}/register.csv`))
      .catch((status) => { node.innerHTML = `<p>The service levels are not available (${escape(status)}).</p>`; })
      .finally(() => showFirst(node));
  },
}];
