namespace TwilioConsole.Web.Components.Shared.Inputs;

/// <summary>The classes MudBlazor gives an outlined, dense text field, in the states our inputs draw (ADR 14).</summary>
internal static class InputMarkup
{
    public static string Control(bool error, bool number = false) =>
        Join("mud-input-control mud-input-control-margin-dense", error ? "mud-input-error" : null,
            "mud-input-outlined-with-label mud-input-input-control", number ? "mud-input-number-control" : "mud-input-sizing-fixed");

    /// <summary>The field's box; <paramref name="adorned"/> is "start" or "end" when an icon sits on that side.</summary>
    public static string Input(bool shrink, bool error, string? adorned = null, bool select = false) =>
        Join("mud-input mud-input-outlined mud-input-outlined-with-label", adorned is null ? null : $"mud-input-adorned-{adorned}",
            "mud-input-margin-dense", shrink ? "mud-shrink" : null, error ? "mud-input-error" : null, "mud-typography-subtitle1",
            select ? "mud-select-input" : null, "mud-input-sizing-fixed");

    /// <summary>The input or select element itself.</summary>
    public static string Slot(string? adorned = null, bool select = false) =>
        Join("mud-input-slot mud-input-root mud-input-root-outlined", adorned is null ? null : $"mud-input-root-adorned-{adorned}",
            "mud-input-root-margin-dense", select ? "mud-select-input" : null);

    public static string Label(bool error) =>
        Join("mud-input-label mud-input-label-animated mud-input-label-outlined mud-input-label-margin-dense", error ? "mud-input-error" : null,
            "mud-input-label-inputcontrol");

    public static string Helper(bool error) => error ? "d-flex mud-input-helper-text mud-input-error" : "d-flex mud-input-helper-text";

    private static string Join(params string?[] parts) => string.Join(' ', parts.Where(p => p is not null));
}
