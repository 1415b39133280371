using System.Net;
using Microsoft.Extensions.DependencyInjection;
using TwilioConsole.Core.Users;
using TwilioConsole.Tests.Fakes;

namespace TwilioConsole.Tests.Integration.Auth;

[Trait("Lane", "Integration")]
public sealed class AccessTests : IClassFixture<AccessTests.SetUpApp>
{
    private readonly SetUpApp _app;

    public AccessTests(SetUpApp app) => _app = app;

    /// <summary>An app whose first Admin exists, so anonymous requests meet sign-in rather than setup.</summary>
    public sealed class SetUpApp : ConsoleAppFactory, IAsyncLifetime
    {
        public async ValueTask InitializeAsync()
        {
            var setup = Services.GetRequiredService<FirstRunSetup>();
            var result = await setup.CreateFirstAdminAsync(SignedInClient.AdminEmail, null, SignedInClient.Password, CancellationToken.None);
            Assert.True(result.Succeeded, result.Summary);
            var staff = await Services.GetRequiredService<UserDirectory>()
                .CreateAsync("staff@example.com", "Sam Staff", SignedInClient.Password, "Staff", "test", CancellationToken.None);
            Assert.True(staff.Succeeded, staff.Summary);
        }

        ValueTask IAsyncDisposable.DisposeAsync() => base.DisposeAsync();
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/settings")]
    [InlineData("/users")]
    [InlineData("/audit")]
    [InlineData("/Account/Manage")]
    public async Task AnonymousPage_RedirectsToLogin(string path)
    {
        using var client = _app.NewClient();

        var response = await client.GetAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location!.PathAndQuery, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task AnonymousApi_Returns401()
    {
        using var client = _app.NewClient();

        var response = await client.GetAsync("/api/audit.csv", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Health_IsAnonymousAndHealthy()
    {
        using var client = _app.NewClient();

        var response = await client.GetAsync("/health", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var health = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal("Healthy", health.RootElement.GetProperty("status").GetString());
        Assert.Equal(["database", "background loops"], health.RootElement.GetProperty("checks").EnumerateArray().Select(c => c.GetProperty("name").GetString()));
    }

    [Theory]
    [InlineData("/settings")]
    [InlineData("/users")]
    public async Task StaffOpeningAdminPage_IsDenied(string path)
    {
        using var client = _app.NewClient();
        await client.SignInAsync("staff@example.com", SignedInClient.Password, TestContext.Current.CancellationToken);

        var response = await client.GetAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/access-denied", response.Headers.Location!.PathAndQuery, StringComparison.OrdinalIgnoreCase);

        // The page it lands on is inside the app: the menu, a way back and a way to sign out.
        var denied = await client.GetStringAsync(response.Headers.Location, TestContext.Current.CancellationToken);
        Assert.Contains("This page is for Admins", denied, StringComparison.Ordinal);
        Assert.Contains("Back to the Dashboard", denied, StringComparison.Ordinal);
        Assert.Contains("Sign in as someone else", denied, StringComparison.Ordinal);
        Assert.Contains(">Routing<", denied, StringComparison.Ordinal); // the navigation menu
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/audit")]
    public async Task StaffOpeningSharedPage_Succeeds(string path)
    {
        using var client = _app.NewClient();
        await client.SignInAsync("staff@example.com", SignedInClient.Password, TestContext.Current.CancellationToken);

        var response = await client.GetAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task AdminOpeningSettings_Succeeds()
    {
        using var client = _app.NewClient();
        await client.SignInAsync(SignedInClient.AdminEmail, SignedInClient.Password, TestContext.Current.CancellationToken);

        var response = await client.GetAsync("/settings", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Settings", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dashboard_SaysWhichProviderServes()
    {
        using var client = _app.NewClient();
        await client.SignInAsync("staff@example.com", SignedInClient.Password, TestContext.Current.CancellationToken);

        var html = await client.GetStringAsync("/", TestContext.Current.CancellationToken);

        Assert.Contains("Sandbox provider (in-process stand-in)", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignedInApi_ReturnsAuditCsv()
    {
        using var client = _app.NewClient();
        await client.SignInAsync(SignedInClient.AdminEmail, SignedInClient.Password, TestContext.Current.CancellationToken);

        var response = await client.GetAsync("/api/audit.csv", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var csv = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.StartsWith("at,actor,action", csv, StringComparison.Ordinal);
        Assert.Contains("users.setup", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WrongPassword_StaysOnLoginWithMessage()
    {
        using var client = _app.NewClient();

        var response = await client.PostFormAsync("/Account/Login", "login", new Dictionary<string, string>
        {
            ["Input.Email"] = "staff@example.com",
            ["Input.Password"] = "not-the-password",
        }, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("do not match an account", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }
}
