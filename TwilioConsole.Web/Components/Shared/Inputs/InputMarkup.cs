namespace TwilioConsole.Web.Components.Shared.Inputs;

/// <summary>The classes MudBlazor gives an outlined, dense text field, in the states our inputs draw (ADR 14).</summary>
internal static class InputMarkup
{
    public static string Control(bool error, bool number = false) =>
        Join("mud-input-control mud-input-control-margin-dense", error ? "mud-input-error" : null,
            "mud-input-outlined-with-label mud-input-input-control", number ? "mud-input-number-control" : "mud-input-sizing-fixed");

    public static string Input(bool shrink, bool error) =>
        Join("mud-input mud-input-outlined mud-input-outlined-with-label mud-input-margin-dense", shrink ? "mud-shrink" : null,
            error ? "mud-input-error" : null, "mud-typography-subtitle1 mud-input-sizing-fixed");

    public const string Slot = "mud-input-slot mud-input-root mud-input-root-outlined mud-input-root-margin-dense";

    public static string Label(bool error) =>
        Join("mud-input-label mud-input-label-animated mud-input-label-outlined mud-input-label-margin-dense", error ? "mud-input-error" : null,
            "mud-input-label-inputcontrol");

    public static string Helper(bool error) => error ? "d-flex mud-input-helper-text mud-input-error" : "d-flex mud-input-helper-text";

    private static string Join(params string?[] parts) => string.Join(' ', parts.Where(p => p is not null));
}
