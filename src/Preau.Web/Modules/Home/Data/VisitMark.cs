using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Preau.Web.Modules.Home.Data;

/// <summary>When a person last opened a service of a space: what appeared there before is no longer « new » for them.</summary>
public sealed class VisitMark
{
    public Guid PersonId { get; set; }
    public required string Service { get; set; }
    public Guid ScopeId { get; set; }
    public DateTime SeenAt { get; set; }
}

internal sealed class VisitMarkConfiguration : IEntityTypeConfiguration<VisitMark>
{
    public void Configure(EntityTypeBuilder<VisitMark> b)
    {
        b.ToTable("home_visits");
        b.Property(x => x.Service).HasMaxLength(40);
        b.HasKey(x => new { x.PersonId, x.Service, x.ScopeId });
    }
}
