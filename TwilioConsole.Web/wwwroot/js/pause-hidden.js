// Gives up this tab's Blazor circuit once the tab has been hidden for a while (TwilioConsole:Circuits:
// PauseHiddenAfterSeconds, on <body data-pause-hidden-after>), so a page left open in a background tab holds nothing on
// the server; when the tab is shown again a new circuit renders the page afresh (ADR 11). A page with work that would
// be lost is never paused: anything typed on it, an open dialog or menu, a progress bar or spinner (something loading
// or under way), or an element marked data-keep-circuit (a save, deploy or publish under way, a simulated call, an unsent SMS draft).
// <html data-circuit> tells the state: live, pausing, paused, resuming.
(() => {
    const seconds = Number(document.body.dataset.pauseHiddenAfter || "0");
    if (!(seconds > 0) || !window.Blazor) {
        return;
    }

    const root = document.documentElement;
    root.dataset.circuit = "live";
    let timer = 0;
    let editedOn = null; // the page (path) the user last typed on

    const edited = () => { editedOn = location.pathname; };
    document.addEventListener("input", edited, true);
    document.addEventListener("change", edited, true);

    function hasUnsavedWork() {
        return editedOn === location.pathname
            || document.querySelector("[data-keep-circuit], .mud-dialog-container, .mud-popover-open, .mud-progress-linear, .mud-progress-circular") !== null;
    }

    /** Whether Blazor's pause or resume succeeded; a failure it throws counts as no. */
    async function succeeds(call) {
        try {
            return await call();
        } catch {
            return false;
        }
    }

    async function pause() {
        timer = 0;
        if (document.visibilityState !== "hidden" || root.dataset.circuit !== "live" || hasUnsavedWork()) {
            return;
        }

        if (!document.querySelector("[data-interactive=true]")) {
            timer = setTimeout(pause, seconds * 1000); // the circuit has not started yet (a tab opened in the background)
            return;
        }

        root.dataset.circuit = "pausing";
        const paused = await succeeds(() => Blazor.pauseCircuit());
        root.dataset.circuit = paused ? "paused" : "live";
        if (paused) {
            // MudBlazor's popover script still tracks the closed circuit's popovers; the new circuit starts it afresh.
            window.mudPopover?.dispose?.();
        }

        if (paused && document.visibilityState === "visible") {
            await resume(); // shown again while the pause was under way
        }
    }

    async function resume() {
        if (root.dataset.circuit !== "paused") {
            return;
        }

        root.dataset.circuit = "resuming";
        if (!await succeeds(() => Blazor.resumeCircuit())) {
            location.reload(); // the server no longer knows the paused page (restarted with other keys, or expired)
            return;
        }

        root.dataset.circuit = "live";
    }

    if (document.visibilityState === "hidden") {
        timer = setTimeout(pause, seconds * 1000); // opened in a background tab
    }

    document.addEventListener("visibilitychange", () => {
        if (document.visibilityState === "hidden") {
            timer ||= setTimeout(pause, seconds * 1000);
        } else {
            clearTimeout(timer);
            timer = 0;
            resume();
        }
    });
})();
