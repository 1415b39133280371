using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TwilioConsole.Core.Data.Entities;

namespace TwilioConsole.Core.Data.Configurations;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("AuditLog");
        builder.Property(a => a.Actor).HasMaxLength(256);
        builder.Property(a => a.Action).HasMaxLength(64);
        builder.Property(a => a.Target).HasMaxLength(256);
        builder.Property(a => a.Details).HasMaxLength(2048);
        builder.Property(a => a.Error).HasMaxLength(2048);
        builder.HasIndex(a => a.At);
        builder.HasIndex(a => a.Action);
    }
}
