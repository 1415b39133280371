using Bunit;
using MudBlazor;
using TwilioConsole.Web.Components.Layout;
using TwilioConsole.Web.Components.Shared;

namespace TwilioConsole.Tests.Components.Shared;

/// <summary>
/// Every page's theme styles are one shared copy (ADR 14), and exactly what MudThemeProvider writes, light and dark.
/// </summary>
[Trait("Lane", "Components")]
public sealed class SharedThemeProviderTests : MudTestContext
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void WritesWhatMudThemeProviderWrites(bool dark)
    {
        var mud = Render<MudThemeProvider>(p => p.Add(c => c.Theme, ConsoleTheme.Theme).Add(c => c.IsDarkMode, dark));
        var shared = Render<SharedThemeProvider>(p => p.Add(c => c.Theme, ConsoleTheme.Theme).Add(c => c.IsDarkMode, dark));

        Assert.Contains("--mud-palette-primary", shared.Markup, StringComparison.Ordinal);
        Assert.Equal(mud.Markup, shared.Markup);
    }

    [Fact]
    public void TheSameStyleText_IsKeptOnce()
    {
        var first = new string('a', 3).Insert(0, "<style>") + "</style>";
        var second = "<style>aaa</style>";
        Assert.NotSame(first, second);

        Assert.Same(SharedMarkup.Intern(first), SharedMarkup.Intern(second));
    }
}
