// Charts of the evaluation pages, drawn with the vendored Chart.js.
// The data come from the page itself (a <script type="application/json">
// element), so the content security policy can forbid inline scripts. Every
// chart has a table or a sentence next to it saying the same in text.
(function () {
  "use strict";

  var COLOURS = {
    achieved: "#1d6b37", on_track: "#5aa469", behind: "#d69500", at_risk: "#c0392b",
    missed: "#7b1113", no_data: "#9aa3ad",
    done_on_time: "#1d6b37", done_late: "#7fb38b", in_progress: "#2f78c4",
    continuing_reported: "#5aa469", not_started: "#b7c0c9", continuing_awaiting: "#cfd6dd",
    due_soon: "#d69500", continuing_unreported: "#e07b39", overdue: "#c0392b",
    done: "#1d6b37", ongoing: "#2f78c4", late: "#c0392b",
    on_time: "#1d6b37", late_report: "#d69500", missing: "#c0392b",
    path: "#4f5761", actual: "#0b4f8a", projection: "#c0392b", goal: "#1d6b37"
  };
  var number = new Intl.NumberFormat("vi-VN", { maximumFractionDigits: 2 });
  var percent = new Intl.NumberFormat("vi-VN", { style: "percent", maximumFractionDigits: 1 });

  function data() {
    var node = document.getElementById("evaluation-data");
    return node ? JSON.parse(node.textContent) : null;
  }

  function base(extra) {
    var options = {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      locale: "vi-VN",
      plugins: { legend: { position: "bottom" } }
    };
    return Object.assign(options, extra || {});
  }

  function statusBars(canvas, distribution, horizontal) {
    var items = distribution.items;
    return new window.Chart(canvas, {
      type: "bar",
      data: {
        labels: items.map(function (i) { return i.label; }),
        datasets: [{
          label: "Số lượng",
          data: items.map(function (i) { return i.count; }),
          backgroundColor: items.map(function (i) { return COLOURS[i.status] || "#888"; })
        }]
      },
      options: base({
        indexAxis: horizontal ? "y" : "x",
        plugins: { legend: { display: false } },
        scales: { x: { ticks: { precision: 0 } }, y: { ticks: { precision: 0 } } }
      })
    });
  }

  function stacked(canvas, rows, categories) {
    return new window.Chart(canvas, {
      type: "bar",
      data: {
        labels: rows.map(function (r) { return r.label.length > 40 ? r.label.slice(0, 38) + "…" : r.label; }),
        datasets: categories.map(function (c) {
          return {
            label: c.label,
            data: rows.map(function (r) { return (r.categories || {})[c.key] || 0; }),
            backgroundColor: COLOURS[c.key]
          };
        })
      },
      options: base({
        indexAxis: "y",
        scales: { x: { stacked: true, ticks: { precision: 0 } }, y: { stacked: true } }
      })
    });
  }

  function timeliness(canvas, periods) {
    return new window.Chart(canvas, {
      type: "bar",
      data: {
        labels: periods.map(function (p) { return p.label; }),
        datasets: [
          { label: "Đúng hạn", data: periods.map(function (p) { return p.on_time; }), backgroundColor: COLOURS.on_time, stack: "r" },
          { label: "Trễ hạn", data: periods.map(function (p) { return p.late; }), backgroundColor: COLOURS.late_report, stack: "r" },
          { label: "Chưa nộp", data: periods.map(function (p) { return p.missing; }), backgroundColor: COLOURS.missing, stack: "r" },
          {
            label: "Tỷ lệ đúng hạn", type: "line", yAxisID: "share", borderColor: COLOURS.actual,
            data: periods.map(function (p) { return p.timeliness; })
          }
        ]
      },
      options: base({
        scales: {
          y: { stacked: true, ticks: { precision: 0 }, title: { display: true, text: "Số báo cáo" } },
          share: {
            position: "right", min: 0, max: 1, grid: { drawOnChartArea: false },
            ticks: { callback: function (v) { return percent.format(v); } }
          }
        }
      })
    });
  }

  function dateLabel(point) {
    var parts = point.date.split("-");
    return parts[2] + "/" + parts[1] + "/" + parts[0];
  }

  function xy(points) {
    return (points || []).map(function (p) { return { x: p.x, y: p.value, label: dateLabel(p) }; });
  }

  function trajectory(canvas, t) {
    var sets = [
      { label: "Lộ trình (đường thẳng từ gốc đến mục tiêu)", data: xy(t.expected_path), borderColor: COLOURS.path, borderDash: [6, 4], pointRadius: 3 },
      { label: "Số liệu thực tế", data: xy(t.actual), borderColor: COLOURS.actual, backgroundColor: COLOURS.actual, pointRadius: 4 },
      { label: "Dự báo đến mốc", data: xy(t.projection), borderColor: COLOURS.projection, borderDash: [2, 3], pointRadius: 3 }
    ];
    if (t.goal) {
      sets.push({ label: "Mục tiêu", data: xy([t.goal]), borderColor: COLOURS.goal, backgroundColor: COLOURS.goal, pointRadius: 7, pointStyle: "rectRot", showLine: false });
    }
    return new window.Chart(canvas, {
      type: "line",
      data: { datasets: sets.filter(function (s) { return s.data.length; }) },
      options: base({
        parsing: false,
        scales: {
          x: { type: "linear", ticks: { precision: 0, callback: function (v) { return String(Math.floor(v) - (v % 1 === 0 ? 1 : 0)); } }, title: { display: true, text: "Năm" } },
          y: { title: { display: true, text: t.unit } }
        },
        plugins: {
          legend: { position: "bottom" },
          tooltip: { callbacks: { label: function (c) { return c.dataset.label + ": " + number.format(c.raw.y) + " (" + c.raw.label + ")"; } } }
        }
      })
    });
  }

  function compare(canvas, rows) {
    var shown = rows.filter(function (r) { return r.value !== null; });
    return new window.Chart(canvas, {
      type: "bar",
      data: {
        labels: shown.map(function (r) { return r.label; }),
        datasets: [{
          label: "Tỷ lệ tiến độ (%)",
          data: shown.map(function (r) { return r.value; }),
          backgroundColor: shown.map(function (r) { return COLOURS[r.status] || "#888"; })
        }]
      },
      options: base({ indexAxis: "y", plugins: { legend: { display: false } }, scales: { x: { min: 0, max: 100 } } })
    });
  }

  function draw() {
    if (!window.Chart) { return; }
    var d = data();
    if (!d) { return; }
    document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
      var kind = canvas.getAttribute("data-chart");
      if (kind === "targets") { statusBars(canvas, d.targets, true); }
      else if (kind === "tasks") { statusBars(canvas, d.tasks, true); }
      else if (kind === "groups") { stacked(canvas, d.groups, d.categories); }
      else if (kind === "agencies") { stacked(canvas, d.agencies, d.categories); }
      else if (kind === "timeliness") { timeliness(canvas, d.timeliness); }
      else if (kind === "trajectory") { trajectory(canvas, d); }
      else if (kind === "compare") { compare(canvas, d); }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
