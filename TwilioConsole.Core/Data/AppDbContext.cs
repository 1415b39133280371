using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using TwilioConsole.Core.Data.Entities;

namespace TwilioConsole.Core.Data;

/// <summary>
/// The console's one database: Identity users and roles, settings, the audit log and the Data Protection keys
/// (kept here so an encrypted secret or a sign-in cookie written by one instance is readable by another).
/// </summary>
public class AppDbContext : IdentityDbContext<AppUser>, IDataProtectionKeyContext
{
    public AppDbContext(DbContextOptions<AppDbContext> options)
        : base(options)
    {
    }

    /// <summary>For a provider's own context type (<see cref="PostgreSqlAppDbContext"/>), which keeps its own migrations.</summary>
    protected AppDbContext(DbContextOptions options)
        : base(options)
    {
    }

    public DbSet<SettingEntry> Settings => Set<SettingEntry>();

    public DbSet<AuditEntry> AuditLog => Set<AuditEntry>();

    public DbSet<SandboxResource> SandboxResources => Set<SandboxResource>();

    public DbSet<MessageRecord> Messages => Set<MessageRecord>();

    public DbSet<MessageStatusEvent> MessageStatusEvents => Set<MessageStatusEvent>();

    public DbSet<ThankYouText> ThankYouTexts => Set<ThankYouText>();

    public DbSet<BoardEvent> BoardEvents => Set<BoardEvent>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);

        // The two roles are data every install needs; fixed ids and stamps keep the migration stable.
        builder.Entity<IdentityRole>().HasData(
            new IdentityRole { Id = "role-admin", Name = AppRoles.Admin, NormalizedName = "ADMIN", ConcurrencyStamp = "role-admin-v1" },
            new IdentityRole { Id = "role-staff", Name = AppRoles.Staff, NormalizedName = "STAFF", ConcurrencyStamp = "role-staff-v1" });
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite cannot order or compare DateTimeOffset; store it as UTC ticks so the audit log sorts and filters in SQL.
        if (Database.IsSqlite())
        {
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToUtcTicksConverter>();
            configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<DateTimeOffsetToUtcTicksConverter>();
        }
    }
}
