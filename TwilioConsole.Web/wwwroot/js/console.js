// Small browser helpers the dashboard calls through IJSRuntime.
window.twilioConsole = {
    /** Shows one element full screen (the Live page's wallboard); Esc leaves. */
    fullscreen(id) {
        const element = document.getElementById(id);
        if (element && element.requestFullscreen) {
            element.requestFullscreen().catch(() => { /* refused by the browser: the board stays in the page */ });
        }
    },
    /** Moves the focus to the first element the selector finds (a button that replaced the one the user pressed). */
    focus(selector) {
        document.querySelector(selector)?.focus();
    },
    // Copies text; answers false when the browser refuses (no clipboard permission or an insecure origin).
    copy: async function (text) {
        try {
            await navigator.clipboard.writeText(text);
            return true;
        } catch {
            return false;
        }
    },
    // Speaks a prompt with the browser's speech synthesis, when it has any; answers whether it could.
    speak: function (text, lang) {
        if (!("speechSynthesis" in window)) {
            return false;
        }
        const utterance = new SpeechSynthesisUtterance(text);
        utterance.lang = lang || "en-US";
        window.speechSynthesis.cancel();
        window.speechSynthesis.speak(utterance);
        return true;
    },
    stopSpeaking: function () {
        if ("speechSynthesis" in window) {
            window.speechSynthesis.cancel();
        }
    }
};
