// dsr-flow SLA dashboard for Camunda Cockpit 7.24: figures from /camunda/api/cockpit/plugin/dsr-sla/{engine}/sla.
const escape = (value) => String(value ?? '').replace(/[&<>"']/g, (c) => ({'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'}[c]));

function render(node, figures) {
  const stages = Object.entries(figures.openByStage).map(([stage, n]) => `<li>${escape(stage)}: <b>${n}</b></li>`).join('');
  const percent = (p) => (p.onTimePercent == null ? '–' : p.onTimePercent + ' %');
  const periods = figures.closedOnTime.map((p) =>
    `<tr><td>${p.days} days</td><td>${p.answered}</td><td>${p.onTime}</td><td>${percent(p)}</td></tr>`).join('');
  const byType = figures.byType.map((t) =>
    `<tr><td>${escape(t.type)}</td><td>${t.open}</td><td>${t.dueWithinSevenDays}</td><td class="${t.overdue > 0 ? 'dsr-bad' : ''}">${t.overdue}</td>${
      t.closedOnTime.map((p) => `<td>${p.onTime} of ${p.answered} (${percent(p)})</td>`).join('')}<td>${t.medianDaysToAnswer ?? '–'}</td></tr>`).join('');
  const byTypePeriods = figures.closedOnTime.map((p) => `<th>On time, last ${p.days} days</th>`).join('');
  const departments = figures.departments.map((d) =>
    `<tr><td>${escape(d.name)}</td><td>${d.openTasks}</td><td>${d.oldestTaskAgeDays ?? '–'}</td><td>${d.overdueTasks}</td></tr>`).join('');
  const closest = figures.closestToDeadline.map((r) =>
    `<tr class="${r.daysLeft < 0 ? 'dsr-overdue' : ''}"><td><a href="${escape(r.cockpitUrl)}">${escape(r.reference)}</a></td><td>${escape(r.type)}</td><td>${escape(r.site)}</td><td>${escape(r.status)}</td><td>${escape(r.answerDueDate)}</td><td>${r.daysLeft}</td></tr>`).join('');
  node.innerHTML = `
    <section class="dsr-sla" id="dsr-sla">
      <h3>Data-subject requests</h3>
      <div class="dsr-kpis">
        <div><span class="dsr-kpi" id="dsr-open">${figures.open}</span> open</div>
        <div><span class="dsr-kpi" id="dsr-due-soon">${figures.dueWithinSevenDays}</span> due within 7 days</div>
        <div><span class="dsr-kpi ${figures.overdue > 0 ? 'dsr-bad' : ''}" id="dsr-overdue">${figures.overdue}</span> overdue</div>
        <div><span class="dsr-kpi">${figures.medianDaysToAnswer ?? '–'}</span> median days to answer (90th percentile ${figures.p90DaysToAnswer ?? '–'})</div>
      </div>
      <h4>Open by stage</h4><ul>${stages || '<li>none</li>'}</ul>
      <h4>Answered on time</h4>
      <table class="table"><tr><th>Last</th><th>Answered</th><th>On time</th><th>%</th></tr>${periods}</table>
      <h4>By request type</h4>
      <table class="table" id="dsr-by-type"><tr><th>Type</th><th>Open</th><th>Due within 7 days</th><th>Overdue</th>${byTypePeriods}<th>Median days to answer</th></tr>${byType}</table>
      <h4>Departments</h4>
      <table class="table"><tr><th>Department</th><th>Open tasks</th><th>Oldest (days)</th><th>Overdue</th></tr>${departments}</table>
      <h4>Closest to the deadline</h4>
      <table class="table"><tr><th>Request</th><th>Type</th><th>Site</th><th>Stage</th><th>Due</th><th>Days left</th></tr>${closest || '<tr><td colspan="6">none</td></tr>'}</table>
    </section>`;
}

export default [{
  id: 'dsr-sla-dashboard',
  pluginPoint: 'cockpit.dashboard',
  priority: 100,
  render: (node, { api }) => {
    node.innerHTML = '<p>Loading the SLA figures…</p>';
    fetch(`${api.cockpitApi}/plugin/dsr-sla/${api.engine}/sla`, { headers: { 'X-XSRF-TOKEN': api.CSRFToken, Accept: 'application/json' } })
      .then((response) => (response.ok ? response.json() : Promise.reject(response.status)))
      .then((figures) => render(node, figures))
      .catch((status) => { node.innerHTML = `<p>SLA figures are not available (${escape(status)}).</p>`; });
  },
}];
