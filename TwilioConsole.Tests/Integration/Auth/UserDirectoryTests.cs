using Microsoft.Extensions.DependencyInjection;
using TwilioConsole.Core.Data;
using TwilioConsole.Core.Users;
using TwilioConsole.Tests.Fakes;

namespace TwilioConsole.Tests.Integration.Auth;

[Trait("Lane", "Integration")]
public sealed class UserDirectoryTests
{
    private static async Task<(ConsoleAppFactory App, UserDirectory Users, string AdminId)> StartAsync(CancellationToken ct)
    {
        var app = new ConsoleAppFactory();
        await app.Services.GetRequiredService<FirstRunSetup>().CreateFirstAdminAsync(SignedInClient.AdminEmail, null, SignedInClient.Password, ct);
        var users = app.Services.GetRequiredService<UserDirectory>();
        var adminId = (await users.ListAsync(ct)).Single().Id;
        return (app, users, adminId);
    }

    [Fact]
    public async Task Create_DuplicateEmail_IsRefusedOnTheEmailField()
    {
        var ct = TestContext.Current.CancellationToken;
        var (app, users, _) = await StartAsync(ct);
        await using var _app = app;

        var result = await users.CreateAsync(SignedInClient.AdminEmail, null, SignedInClient.Password, AppRoles.Staff, "admin", ct);

        Assert.False(result.Succeeded);
        Assert.Contains("already exists", result.Errors["Email"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Disable_LastAdmin_IsRefused()
    {
        var ct = TestContext.Current.CancellationToken;
        var (app, users, adminId) = await StartAsync(ct);
        await using var _app = app;
        await users.CreateAsync("other@example.com", null, SignedInClient.Password, AppRoles.Staff, "admin", ct);
        var otherId = (await users.ListAsync(ct)).Single(u => u.Email == "other@example.com").Id;

        var result = await users.SetDisabledAsync(adminId, disabled: true, otherId, "other", ct);

        Assert.False(result.Succeeded);
        Assert.Contains("last enabled Admin", result.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Disable_Staff_BlocksSignIn()
    {
        var ct = TestContext.Current.CancellationToken;
        var (app, users, adminId) = await StartAsync(ct);
        await using var _app = app;
        await users.CreateAsync("staff@example.com", null, SignedInClient.Password, AppRoles.Staff, "admin", ct);
        var staffId = (await users.ListAsync(ct)).Single(u => u.Email == "staff@example.com").Id;

        var result = await users.SetDisabledAsync(staffId, disabled: true, adminId, "admin", ct);

        Assert.True(result.Succeeded);
        using var client = app.NewClient();
        var response = await client.PostFormAsync("/Account/Login", "login", new Dictionary<string, string>
        {
            ["Input.Email"] = "staff@example.com",
            ["Input.Password"] = SignedInClient.Password,
        }, ct);
        Assert.Equal("/Account/Lockout", new Uri(client.BaseAddress!, response.Headers.Location!).AbsolutePath);
    }

    [Fact]
    public async Task ResetPassword_NewPasswordSignsIn()
    {
        var ct = TestContext.Current.CancellationToken;
        var (app, users, adminId) = await StartAsync(ct);
        await using var _app = app;
        await users.CreateAsync("staff@example.com", null, SignedInClient.Password, AppRoles.Staff, "admin", ct);
        var staffId = (await users.ListAsync(ct)).Single(u => u.Email == "staff@example.com").Id;

        var result = await users.ResetPasswordAsync(staffId, "Brand-New-Pass-9", adminId, "admin", ct);

        Assert.True(result.Succeeded, result.Summary);
        using var client = app.NewClient();
        await client.SignInAsync("staff@example.com", "Brand-New-Pass-9", ct);
    }

    [Fact]
    public async Task SetRole_OwnAdminRole_IsRefused()
    {
        var ct = TestContext.Current.CancellationToken;
        var (app, users, adminId) = await StartAsync(ct);
        await using var _app = app;

        var result = await users.SetRoleAsync(adminId, AppRoles.Staff, adminId, "admin", ct);

        Assert.False(result.Succeeded);
        Assert.Equal(AppRoles.Admin, (await users.ListAsync(ct)).Single().Role);
    }
}
