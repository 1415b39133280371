using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TwilioConsole.Core.Audit;
using TwilioConsole.Core.Data;
using TwilioConsole.Core.Data.Entities;

namespace TwilioConsole.Core.Users;

/// <summary>
/// The first Admin: created once, from the setup page or from configuration. A marker row (unique key) makes the
/// creation happen once even when two requests or two instances race.
/// </summary>
public sealed class FirstRunSetup(IServiceScopeFactory scopes, TimeProvider clock)
{
    internal const string MarkerKey = "Setup:FirstAdminCreated";
    private volatile bool _done;

    /// <summary>True once any user exists. Cached after the first true: users are never all removed.</summary>
    public async Task<bool> IsCompleteAsync(CancellationToken ct)
    {
        if (_done)
        {
            return true;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        _done = await db.Users.AnyAsync(ct);
        return _done;
    }

    public async Task<UserResult> CreateFirstAdminAsync(string email, string? displayName, string password, CancellationToken ct)
    {
        email = email?.Trim() ?? "";
        if (UserDirectory.ValidateEmail(email) is { } emailError)
        {
            return UserResult.Fail("Email", emailError);
        }

        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        if (await UserDirectory.CheckPasswordAsync(users, password) is { } passwordError)
        {
            return UserResult.Fail("Password", passwordError);
        }

        if (await IsCompleteAsync(ct))
        {
            return UserResult.Fail("", "Setup is already complete; sign in instead.");
        }

        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Settings.Add(new SettingEntry { Key = MarkerKey, Value = email, UpdatedAt = clock.GetUtcNow(), UpdatedBy = email });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return UserResult.Fail("", "Setup is already complete; sign in instead.");
        }

        var admin = new AppUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = string.IsNullOrWhiteSpace(displayName) ? null : displayName.Trim(),
            CreatedAt = clock.GetUtcNow(),
            LockoutEnabled = true,
        };
        var created = await users.CreateAsync(admin, password);
        var inRole = created.Succeeded ? await users.AddToRoleAsync(admin, AppRoles.Admin) : created;
        if (!inRole.Succeeded)
        {
            return UserResult.Fail("", string.Join(" ", inRole.Errors.Select(e => e.Description)));
        }

        db.AuditLog.Add(AuditLog.Entry(clock.GetUtcNow(), email, "users.setup", email, "First Admin created", succeeded: true));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        _done = true;
        return UserResult.Ok;
    }
}
