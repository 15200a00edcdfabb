// The editor is never reloaded by the preview. `mkdocs serve` appends its live-reload script to
// every page it serves, and that script reloads the page after each rebuild: here it would drop
// what is being typed each time an earlier save is rendered. It declares `livereload` and calls
// it; taken first and read-only, the name stays this function that does nothing.
Object.defineProperty(window, "livereload", { value: function () {}, writable: false });
