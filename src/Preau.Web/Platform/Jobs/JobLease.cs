using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Preau.Web.Platform.Jobs;

/// <summary>
/// Who runs a periodic background job right now, and until when. With several instances the first one to take the
/// row runs the job; it renews the expiry while it works, and another instance takes the row over once it has expired
/// (the holder died or lost the database). ADR 0015.
/// </summary>
public sealed class JobLease
{
    public required string Name { get; set; }
    public required string Owner { get; set; }
    public DateTime ExpiresAt { get; set; }
}

internal sealed class JobLeaseConfiguration : IEntityTypeConfiguration<JobLease>
{
    public void Configure(EntityTypeBuilder<JobLease> b)
    {
        b.ToTable("platform_job_leases");
        b.HasKey(x => x.Name);
        b.Property(x => x.Name).HasMaxLength(60);
        b.Property(x => x.Owner).HasMaxLength(120);
    }
}
