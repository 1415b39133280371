using Microsoft.Playwright;

namespace TwilioConsole.Tests.E2E;

/// <summary>
/// Hides a page or shows it again the way the browser tells the page (document.visibilityState and the
/// visibilitychange event); a headless browser shows every tab, so tests and the circuits benchmark set it.
/// </summary>
public static class TabVisibility
{
    public static Task<System.Text.Json.JsonElement?> SetAsync(IPage page, bool hidden) => page.EvaluateAsync("""
        hidden => {
            Object.defineProperty(document, "visibilityState", { configurable: true, get: () => hidden ? "hidden" : "visible" });
            Object.defineProperty(document, "hidden", { configurable: true, get: () => hidden });
            document.dispatchEvent(new Event("visibilitychange"));
        }
        """, hidden);
}
