/**
 * The HTML view's one style sheet, inline (the view's policy allows inline styles and nothing
 * else: no fonts or sheets from anywhere). The system's fonts, CJK ones by the page's language;
 * every colour pair meets WCAG 2.2 AA (4.5:1 for text, 3:1 for the marks' edges).
 */
export const HTML_VIEW_STYLE = `
:root { color-scheme: light; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, sans-serif; color: #1a1a1a; background: #fff; max-width: 48rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.75; }
body:lang(zh) { font-family: system-ui, -apple-system, "PingFang SC", "Hiragino Sans GB", "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", sans-serif; }
body:lang(zh-Hant), body:lang(zh-TW), body:lang(zh-HK), body:lang(zh-MO) { font-family: system-ui, -apple-system, "PingFang TC", "Noto Sans CJK TC", "Source Han Sans TC", "Microsoft JhengHei", sans-serif; }
h1 { line-height: 1.35; margin-bottom: 0.25rem; }
h2 { font-size: 1.2rem; margin-top: 2rem; }
.meta, small, .legend { color: #4d4d4d; }
.meta { margin-top: 0; }
.legend { font-size: 0.9rem; border-top: 1px solid #d0d0d0; padding-top: 0.75rem; }
.notices { border-inline-start: 4px solid #1d4ed8; padding-inline-start: 1rem; margin: 1.5rem 0; }
.notices h2 { margin-top: 0.5rem; }
.text { white-space: pre-wrap; overflow-wrap: anywhere; }
mark { color: inherit; background: #fff1a6; border-bottom: 2px solid #8a6d00; }
mark.correction { background: #dbeafe; border-bottom-color: #1d4ed8; }
mark.overlap { background: #ffd24d; }
mark.correction.overlap { background: #b9d3fb; }
mark.claim.correction { background: #ffd24d; border-bottom: 3px double #1d4ed8; }
.badge { display: inline-block; margin: 0 0.2em; padding: 0 0.45em; border-radius: 0.6em; background: #1f3a5f; color: #fff; font-size: 0.8em; line-height: 1.6; text-decoration: none; white-space: nowrap; unicode-bidi: isolate; user-select: none; }
.badge:hover { background: #0f2238; text-decoration: underline; }
.badge:focus-visible { outline: 3px solid #b45309; outline-offset: 2px; }
.annotations li { margin-bottom: 0.5rem; }
.annotations li:target { background: #fff7d6; outline: 2px solid #8a6d00; }
.kind { font-weight: 600; }
.rating { background: #1f3a5f; color: #fff; padding: 0 0.45em; border-radius: 0.6em; font-size: 0.9em; }
.unrated { color: #4d4d4d; }
.orphaned { color: #a00000; }
@media print { .badge, .rating { background: none; color: #000; border: 1px solid #000; } }
@media (forced-colors: active) { .badge, .rating { border: 1px solid; } }
`;
