using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TwilioConsole.Core.Data.Entities;

namespace TwilioConsole.Core.Data.Configurations;

internal sealed class SandboxResourceConfiguration : IEntityTypeConfiguration<SandboxResource>
{
    public void Configure(EntityTypeBuilder<SandboxResource> builder)
    {
        builder.ToTable("SandboxResources");
        builder.HasKey(r => r.Sid);
        builder.Property(r => r.Sid).HasMaxLength(64);
        builder.Property(r => r.Kind).HasMaxLength(32);
        builder.Property(r => r.ParentSid).HasMaxLength(64);
        builder.HasIndex(r => new { r.Kind, r.ParentSid, r.CreatedAt });
    }
}
