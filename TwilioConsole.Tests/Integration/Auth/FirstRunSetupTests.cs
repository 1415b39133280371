using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TwilioConsole.Core.Data;
using TwilioConsole.Tests.Fakes;

namespace TwilioConsole.Tests.Integration.Auth;

[Trait("Lane", "Integration")]
public sealed class FirstRunSetupTests
{
    [Theory]
    [InlineData("/")]
    [InlineData("/settings")]
    [InlineData("/Account/Login")]
    public async Task NoUsers_EveryPageLeadsToSetup(string path)
    {
        await using var app = new ConsoleAppFactory();
        using var client = app.NewClient();

        var response = await client.GetAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/setup", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Setup_CreatesAdminOnce_AndCannotBeRepeated()
    {
        await using var app = new ConsoleAppFactory();
        using var client = app.NewClient();
        using var late = app.NewClient();
        var ct = TestContext.Current.CancellationToken;
        var lateToken = await late.GetFormTokenAsync("/setup", ct); // a second browser with the form already open

        var first = await client.CreateFirstAdminAsync(app, ct);
        var second = await late.PostWithTokenAsync("/setup", "setup", lateToken, SignedInClient.SetupFields(app.SetupCode, "intruder@example.com"), ct);
        var page = await late.GetStringAsync("/setup", ct);

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Contains("Setup is complete", page, StringComparison.Ordinal);
        await using var db = await app.DbAsync(ct);
        var user = Assert.Single(await db.Users.ToListAsync(ct));
        Assert.Equal(SignedInClient.AdminEmail, user.Email);
        var roles = await db.UserRoles.Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => r.Name).ToListAsync(ct);
        Assert.Equal([AppRoles.Admin], roles);
    }

    [Fact]
    public async Task Setup_WeakPassword_ShowsFieldMessage_AndCreatesNothing()
    {
        await using var app = new ConsoleAppFactory();
        using var client = app.NewClient();
        var ct = TestContext.Current.CancellationToken;

        var response = await client.CreateFirstAdminAsync(app, ct, password: "alllowercase");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("uppercase", await response.Content.ReadAsStringAsync(ct), StringComparison.OrdinalIgnoreCase);
        await using var db = await app.DbAsync(ct);
        Assert.Empty(await db.Users.ToListAsync(ct));
        Assert.Empty(await db.Settings.ToListAsync(ct));
    }

    [Fact]
    public async Task AdminFromConfiguration_IsCreatedAtStart()
    {
        await using var app = new ConsoleAppFactory()
            .With("TwilioConsole:Admin:Email", "ops@example.com")
            .With("TwilioConsole:Admin:Password", SignedInClient.Password);
        using var client = app.NewClient();

        await client.SignInAsync("ops@example.com", SignedInClient.Password, TestContext.Current.CancellationToken);
        var response = await client.GetAsync("/settings", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task UnwritableDataFolder_StopsStartWithClearMessage()
    {
        var file = Path.GetTempFileName(); // a file where a folder should be: cannot be created or written
        await using var app = new ConsoleAppFactory().With("TwilioConsole:Database:DataFolder", Path.Combine(file, "data"));

        var error = Assert.ThrowsAny<Exception>(() => app.CreateClient());

        Assert.Contains("cannot be written", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("TwilioConsole__Database__DataFolder", error.ToString(), StringComparison.Ordinal);
        File.Delete(file);
    }

    [Theory]
    [InlineData("")]
    [InlineData("AAAA-BBBB-CCCC")]
    public async Task Setup_WithoutTheSetupCode_IsRefused_AndCreatesNothing(string code)
    {
        await using var app = new ConsoleAppFactory();
        using var client = app.NewClient();
        var ct = TestContext.Current.CancellationToken;

        var response = await client.PostFormAsync("/setup", "setup", SignedInClient.SetupFields(code), ct);

        Assert.True(response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.OK or HttpStatusCode.BadRequest, response.StatusCode.ToString());
        Assert.Contains("setup code", await response.Content.ReadAsStringAsync(ct), StringComparison.OrdinalIgnoreCase);
        await using var db = await app.DbAsync(ct);
        Assert.Empty(await db.Users.ToListAsync(ct));
    }

    [Fact]
    public async Task Setup_WithTheCode_SucceedsOnce_AndTheCodeFileIsWrittenForTheOwnerThenRemoved()
    {
        await using var app = new ConsoleAppFactory();
        using var client = app.NewClient();
        var ct = TestContext.Current.CancellationToken;
        var file = Path.Combine(app.DataFolder, "setup-code.txt");
        var code = app.SetupCode;

        Assert.Equal(code, (await File.ReadAllTextAsync(file, ct)).Trim());
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }

        using var late = app.NewClient();
        var lateToken = await late.GetFormTokenAsync("/setup", ct);
        var first = await client.PostFormAsync("/setup", "setup", SignedInClient.SetupFields(code.ToLowerInvariant().Replace("-", " ", StringComparison.Ordinal)), ct);
        var again = await late.PostWithTokenAsync("/setup", "setup", lateToken, SignedInClient.SetupFields(code, "second@example.com"), ct);

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.False(File.Exists(file));
        await using var db = await app.DbAsync(ct);
        Assert.Single(await db.Users.ToListAsync(ct));
    }
}
