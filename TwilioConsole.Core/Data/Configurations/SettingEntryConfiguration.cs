using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TwilioConsole.Core.Data.Entities;

namespace TwilioConsole.Core.Data.Configurations;

internal sealed class SettingEntryConfiguration : IEntityTypeConfiguration<SettingEntry>
{
    public void Configure(EntityTypeBuilder<SettingEntry> builder)
    {
        builder.ToTable("Settings");
        builder.HasKey(s => s.Key);
        builder.Property(s => s.Key).HasMaxLength(128);
        builder.Property(s => s.Value).HasMaxLength(4096);
        builder.Property(s => s.UpdatedBy).HasMaxLength(256);
    }
}
