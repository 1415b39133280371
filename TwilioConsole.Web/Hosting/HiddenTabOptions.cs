using System.ComponentModel.DataAnnotations;

namespace TwilioConsole.Web.Hosting;

/// <summary>
/// Bound from <c>TwilioConsole:Circuits</c>: when a browser tab that has been hidden gives up its Blazor circuit
/// (<c>wwwroot/js/pause-hidden.js</c>, ADR 11).
/// </summary>
public sealed class HiddenTabOptions
{
    public const string Section = "TwilioConsole:Circuits";

    /// <summary>
    /// How long a tab must stay hidden before its circuit is paused (the server then holds nothing for it; the page
    /// renders afresh when the tab is shown again). 0 keeps every circuit live. Tabs with unsaved work are never paused.
    /// </summary>
    [Range(0, 86_400)] public int PauseHiddenAfterSeconds { get; set; } = 120;
}
