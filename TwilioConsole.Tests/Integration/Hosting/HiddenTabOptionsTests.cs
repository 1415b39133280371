using TwilioConsole.Tests.Fakes;

namespace TwilioConsole.Tests.Integration.Hosting;

/// <summary>
/// The hidden-tab pause (ADR 11) reaches the browser as the configured delay on interactive pages only, and a delay
/// out of range stops start-up naming the setting.
/// </summary>
[Trait("Lane", "Integration")]
public sealed class HiddenTabOptionsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task InteractivePages_CarryTheConfiguredDelay_StaticAccountPagesDoNot()
    {
        await using var app = new ConsoleAppFactory().With("TwilioConsole:Circuits:PauseHiddenAfterSeconds", "45");
        var client = app.NewClient();
        await client.CreateFirstAdminAsync(app, Ct);
        await client.SignInAsync(SignedInClient.AdminEmail, SignedInClient.Password, Ct);

        var dashboard = await client.GetStringAsync(new Uri("/", UriKind.Relative), Ct);
        var login = await app.NewClient().GetStringAsync(new Uri("/Account/Login", UriKind.Relative), Ct);

        Assert.Contains("<body data-pause-hidden-after=\"45\">", dashboard, StringComparison.Ordinal);
        Assert.Contains("js/pause-hidden", dashboard, StringComparison.Ordinal);
        Assert.DoesNotContain("data-pause-hidden-after", login, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("86401")]
    public async Task DelayOutOfRange_StopsStart_NamingTheSetting(string seconds)
    {
        await using var app = new ConsoleAppFactory().With("TwilioConsole:Circuits:PauseHiddenAfterSeconds", seconds);

        var error = Assert.ThrowsAny<Exception>(() => app.CreateClient());

        Assert.Contains("PauseHiddenAfterSeconds", error.ToString(), StringComparison.Ordinal);
    }
}
