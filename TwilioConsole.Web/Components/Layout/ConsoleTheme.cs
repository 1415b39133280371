using MudBlazor;

namespace TwilioConsole.Web.Components.Layout;

/// <summary>The console's colours: Twilio-like red for primary actions, system fonts (no web-font download).</summary>
internal static class ConsoleTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#D32F45",
            Secondary = "#1F304C",
            AppbarBackground = "#1F304C",
            Background = "#F6F7F9",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#F47C8A",
            Secondary = "#8FA6C8",
            AppbarBackground = "#121C2D",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography
            {
                FontFamily = ["system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"],
            },
        },
    };
}
