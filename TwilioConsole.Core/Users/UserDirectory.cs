using System.Net.Mail;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TwilioConsole.Core.Audit;
using TwilioConsole.Core.Data;

namespace TwilioConsole.Core.Users;

/// <summary>
/// What Admins do with users: list, create, change role, reset password, disable and enable. A scope per operation
/// keeps Identity's scoped services short-lived even when called from a long-lived Blazor circuit.
/// Rules: nobody disables or demotes themselves, and the last enabled Admin stays.
/// </summary>
public sealed class UserDirectory(IServiceScopeFactory scopes, AuditLog audit)
{
    public async Task<IReadOnlyList<UserSummary>> ListAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var roles = await (from ur in db.UserRoles
                           join r in db.Roles on ur.RoleId equals r.Id
                           select new { ur.UserId, r.Name }).ToListAsync(ct);
        var users = await db.Users.AsNoTracking().OrderBy(u => u.Email).ToListAsync(ct);
        return [.. users.Select(u => new UserSummary(u.Id, u.Email ?? u.UserName ?? "", u.DisplayName,
            roles.FirstOrDefault(r => r.UserId == u.Id)?.Name ?? AppRoles.Staff, u.IsDisabled, u.CreatedAt))];
    }

    public async Task<int> CountAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Users.CountAsync(ct);
    }

    public async Task<UserResult> CreateAsync(string email, string? displayName, string password, string role, string actor, CancellationToken ct)
    {
        email = email.Trim();
        if (ValidateEmail(email) is { } emailError)
        {
            return UserResult.Fail("Email", emailError);
        }

        if (!AppRoles.All.Contains(role))
        {
            return UserResult.Fail("Role", "Choose Admin or Staff.");
        }

        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        if (await users.FindByEmailAsync(email) is not null)
        {
            return UserResult.Fail("Email", "A user with this email already exists.");
        }

        var passwordErrors = await CheckPasswordAsync(users, password);
        if (passwordErrors is not null)
        {
            return UserResult.Fail("Password", passwordErrors);
        }

        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var user = new AppUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = string.IsNullOrWhiteSpace(displayName) ? null : displayName.Trim(),
            CreatedAt = DateTimeOffset.UtcNow,
            LockoutEnabled = true,
        };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            return UserResult.Fail("", Describe(created));
        }

        var added = await users.AddToRoleAsync(user, role);
        if (!added.Succeeded)
        {
            return UserResult.Fail("Role", Describe(added));
        }

        await tx.CommitAsync(ct);
        await audit.RecordAsync(actor, "users.create", email, $"Role {role}", succeeded: true, error: null, ct);
        return UserResult.Ok;
    }

    public Task<UserResult> SetRoleAsync(string userId, string role, string actorId, string actor, CancellationToken ct) =>
        ChangeAsync(userId, actor, "users.role", async (users, user) =>
        {
            if (!AppRoles.All.Contains(role))
            {
                return UserResult.Fail("Role", "Choose Admin or Staff.");
            }

            if (user.Id == actorId && role != AppRoles.Admin)
            {
                return UserResult.Fail("Role", "You cannot remove your own Admin role; ask another Admin.");
            }

            if (role != AppRoles.Admin && await users.IsInRoleAsync(user, AppRoles.Admin) && await IsLastEnabledAdminAsync(users, user))
            {
                return UserResult.Fail("Role", "This is the last enabled Admin; make another user Admin first.");
            }

            var current = await users.GetRolesAsync(user);
            var removed = await users.RemoveFromRolesAsync(user, current);
            var added = removed.Succeeded ? await users.AddToRoleAsync(user, role) : removed;
            if (added.Succeeded)
            {
                await users.UpdateSecurityStampAsync(user); // the role claim in their cookie is now stale
            }

            return added.Succeeded ? UserResult.Ok : UserResult.Fail("", Describe(added));
        }, $"Role {role}", ct);

    public Task<UserResult> ResetPasswordAsync(string userId, string newPassword, string actorId, string actor, CancellationToken ct) =>
        ChangeAsync(userId, actor, "users.reset-password", async (users, user) =>
        {
            if (await CheckPasswordAsync(users, newPassword) is { } error)
            {
                return UserResult.Fail("Password", error);
            }

            var token = await users.GeneratePasswordResetTokenAsync(user);
            var reset = await users.ResetPasswordAsync(user, token, newPassword);
            return reset.Succeeded ? UserResult.Ok : UserResult.Fail("Password", Describe(reset));
        }, "Password reset", ct);

    public Task<UserResult> SetDisabledAsync(string userId, bool disabled, string actorId, string actor, CancellationToken ct) =>
        ChangeAsync(userId, actor, disabled ? "users.disable" : "users.enable", async (users, user) =>
        {
            if (disabled && user.Id == actorId)
            {
                return UserResult.Fail("", "You cannot disable your own account.");
            }

            if (disabled && await users.IsInRoleAsync(user, AppRoles.Admin) && await IsLastEnabledAdminAsync(users, user))
            {
                return UserResult.Fail("", "This is the last enabled Admin; make another user Admin first.");
            }

            user.IsDisabled = disabled;
            user.LockoutEnabled = true;
            user.LockoutEnd = disabled ? DateTimeOffset.MaxValue : null;
            var updated = await users.UpdateAsync(user);
            if (updated.Succeeded)
            {
                await users.UpdateSecurityStampAsync(user); // signs them out at the next cookie validation
            }

            return updated.Succeeded ? UserResult.Ok : UserResult.Fail("", Describe(updated));
        }, disabled ? "Disabled" : "Enabled", ct);

    public static string? ValidateEmail(string? email)
    {
        if (string.IsNullOrWhiteSpace(email))
        {
            return "Enter an email address.";
        }

        return MailAddress.TryCreate(email.Trim(), out var parsed) && parsed.Address == email.Trim() && email.Contains('.', StringComparison.Ordinal)
            ? null
            : "Enter an email address such as name@example.com.";
    }

    private async Task<UserResult> ChangeAsync(string userId, string actor, string action,
        Func<UserManager<AppUser>, AppUser, Task<UserResult>> change, string details, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByIdAsync(userId);
        if (user is null)
        {
            return UserResult.Fail("", "That user no longer exists; reload the list.");
        }

        var result = await change(users, user);
        await audit.RecordAsync(actor, action, user.Email, details, result.Succeeded, result.Succeeded ? null : result.Summary, ct);
        return result;
    }

    private static async Task<bool> IsLastEnabledAdminAsync(UserManager<AppUser> users, AppUser user)
    {
        var admins = await users.GetUsersInRoleAsync(AppRoles.Admin);
        return !admins.Any(a => a.Id != user.Id && !a.IsDisabled);
    }

    internal static async Task<string?> CheckPasswordAsync(UserManager<AppUser> users, string? password)
    {
        if (string.IsNullOrEmpty(password))
        {
            return "Enter a password.";
        }

        var messages = new List<string>();
        foreach (var validator in users.PasswordValidators)
        {
            var result = await validator.ValidateAsync(users, new AppUser(), password);
            messages.AddRange(result.Errors.Select(e => e.Description));
        }

        return messages.Count == 0 ? null : string.Join(" ", messages);
    }

    private static string Describe(IdentityResult result) => string.Join(" ", result.Errors.Select(e => e.Description));
}
