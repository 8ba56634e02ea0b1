namespace FlaxGuard.Server.Dashboard;

/// <summary>The dashboard's only asset, served from this assembly (no CDN, no inline styles, so the CSP can forbid them).</summary>
public static class DashboardAssets
{
    public const string StylesheetPath = "/dashboard/static/dashboard.css";

    public const string Stylesheet = """
        :root { --ok: #1b7f3b; --warn: #a66a00; --crit: #b3261e; --unk: #5f6368; --line: #d0d7de; }
        * { box-sizing: border-box; }
        body { font: 15px/1.45 system-ui, sans-serif; margin: 0; color: #1f2328; background: #f6f8fa; }
        header { background: #24292f; color: #fff; padding: .6rem 1.2rem; display: flex; gap: 1rem; align-items: center; }
        header a { color: #fff; text-decoration: none; font-weight: 600; }
        header form { margin-left: auto; }
        main { padding: 1rem 1.2rem; max-width: 1200px; }
        h1 { font-size: 1.35rem; margin: .3rem 0 .8rem; }
        h2 { font-size: 1.1rem; margin: 1.4rem 0 .5rem; }
        table { border-collapse: collapse; width: 100%; background: #fff; }
        th, td { border: 1px solid var(--line); padding: .35rem .55rem; text-align: left; vertical-align: top; }
        th { background: #eaeef2; font-weight: 600; }
        .badge { display: inline-block; min-width: 6.5em; text-align: center; padding: .1rem .5rem; border-radius: 1rem; color: #fff; font-weight: 700; font-size: .8rem; }
        .badge-ok { background: var(--ok); } .badge-warning { background: var(--warn); }
        .badge-critical { background: var(--crit); } .badge-unknown { background: var(--unk); }
        .sev { font-weight: 600; } .sev-critical { color: var(--crit); } .sev-high { color: #c2410c; } .sev-medium { color: var(--warn); }
        .sev-low, .sev-info, .sev-none { color: var(--unk); }
        .drift-added { color: #1a7f37; } .drift-removed { color: #cf222e; } .drift-changed { color: #9a6700; }
        code, .value { font-family: ui-monospace, monospace; font-size: .88rem; overflow-wrap: anywhere; }
        .old { text-decoration: line-through; color: #cf222e; } .new { color: #1a7f37; }
        .stale { color: var(--warn); font-weight: 600; }
        .note { color: #57606a; }
        .actions { display: flex; gap: .6rem; flex-wrap: wrap; margin: .6rem 0; }
        button { font: inherit; padding: .35rem .9rem; border-radius: .35rem; border: 1px solid #8c959f; background: #fff; cursor: pointer; }
        button.primary { background: #1f883d; color: #fff; border-color: #1a7f37; }
        button.danger { color: #cf222e; }
        .error { color: var(--crit); font-weight: 600; }
        .login { max-width: 22rem; background: #fff; border: 1px solid var(--line); padding: 1rem; }
        .login input { width: 100%; font: inherit; padding: .3rem; margin: .3rem 0 .8rem; }
        .enrol-form { max-width: 28rem; background: #fff; border: 1px solid var(--line); padding: 1rem; }
        .enrol-form label { display: block; margin: 0 0 .7rem; }
        .enrol-form input, .enrol-form select { display: block; width: 100%; font: inherit; padding: .3rem; margin-top: .2rem; }
        svg.timeline { background: #fff; border: 1px solid var(--line); width: 100%; height: auto; }
        svg.timeline .axis { stroke: #8c959f; stroke-width: 1; }
        svg.timeline .trend { fill: none; stroke: #57606a; stroke-width: 1.5; }
        svg.timeline text { font-size: 11px; fill: #57606a; }
        svg.timeline .pt { stroke: #fff; stroke-width: 1; }
        svg.timeline .pt-none, svg.timeline .pt-info, svg.timeline .pt-low { fill: var(--ok); }
        svg.timeline .pt-medium { fill: var(--warn); } svg.timeline .pt-high { fill: #c2410c; } svg.timeline .pt-critical { fill: var(--crit); }
        """;
}
