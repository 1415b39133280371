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
/// <remarks>
/// The setup page needs the one-time setup code this process prints in its log at start-up (and writes to
/// <c>setup-code.txt</c> in the data folder) while no Admin exists, so whoever reaches a fresh install first cannot
/// simply claim it. Unattended installs use <c>TwilioConsole__Admin__*</c> instead.
/// </remarks>
public sealed class FirstRunSetup(IServiceScopeFactory scopes, TimeProvider clock)
{
    internal const string MarkerKey = "Setup:FirstAdminCreated";
    private const string CodeAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"; // no 0/O, 1/I
    private volatile bool _done;

    /// <summary>This process's one-time setup code, such as <c>K7QP-2MXV-9HTD</c>.</summary>
    public string SetupCode { get; } = NewCode();

    /// <summary>Where the code was written for the operator, deleted once the first Admin exists.</summary>
    internal string? CodeFile { get; set; }

    private static string NewCode()
    {
        var chars = System.Security.Cryptography.RandomNumberGenerator.GetItems<char>(CodeAlphabet, 12);
        return $"{new string(chars, 0, 4)}-{new string(chars, 4, 4)}-{new string(chars, 8, 4)}";
    }

    /// <summary>Whether a typed code is this process's code (case, spaces and dashes ignored; constant time).</summary>
    public bool CodeMatches(string? typed)
    {
        static byte[] Canonical(string? code) => System.Text.Encoding.ASCII.GetBytes(
            new string((code ?? "").Where(char.IsLetterOrDigit).Select(char.ToUpperInvariant).ToArray()));
        return System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(Canonical(typed), Canonical(SetupCode));
    }

    /// <summary>The setup page's way in: the first Admin, only with this process's setup code.</summary>
    public Task<UserResult> CreateFirstAdminWithCodeAsync(string? setupCode, string email, string? displayName, string password, CancellationToken ct) =>
        CodeMatches(setupCode)
            ? CreateFirstAdminAsync(email, displayName, password, ct)
            : Task.FromResult(UserResult.Fail("SetupCode", "That is not the setup code. Find it in the server's log at start-up (\"setup code\") or in setup-code.txt in its data folder."));

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
        if (CodeFile is { } file)
        {
            File.Delete(file); // the code is spent
        }

        return UserResult.Ok;
    }
}
