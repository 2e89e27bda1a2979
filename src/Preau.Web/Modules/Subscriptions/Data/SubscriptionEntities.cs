using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Preau.Web.Modules.Subscriptions.Data;

public enum SubscriptionKind
{
    /// <summary>The convention's yearly subscription: the whole school year.</summary>
    SchoolYear = 0,
    /// <summary>A free pilot until a date, usually for some schools only.</summary>
    Trial = 1,
}

/// <summary>
/// A collectivité's subscription for one school year (or a trial within it), for all its schools or the ones listed in
/// <see cref="SubscriptionSchool"/>. Nothing is ever deleted when it lapses: the schools only become read-only.
/// </summary>
public sealed class Subscription
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid LocalAuthorityId { get; set; }
    /// <summary>"2026-2027".</summary>
    public required string YearLabel { get; set; }
    public SubscriptionKind Kind { get; set; }
    /// <summary>Covered days, inclusive, in Europe/Paris.</summary>
    public DateOnly StartsOn { get; set; }
    public DateOnly EndsOn { get; set; }
    public bool AllSchools { get; set; }
    /// <summary>The convention's reference or a note for the yearly review.</summary>
    public string? Reference { get; set; }
    public DateTime CreatedAt { get; set; }
    public Guid? CreatedById { get; set; }
    /// <summary>The previous year's subscription this one renews.</summary>
    public Guid? RenewedFromId { get; set; }
}

public sealed class SubscriptionSchool
{
    public Guid SubscriptionId { get; set; }
    public Guid SchoolId { get; set; }
}

/// <summary>The territory's one row of settings: lapsed schools become read-only only when this is switched on.</summary>
public sealed class SubscriptionSettings
{
    public int Id { get; set; } = 1;
    public bool EnforceReadOnly { get; set; }
}

internal sealed class SubscriptionConfiguration : IEntityTypeConfiguration<Subscription>
{
    public void Configure(EntityTypeBuilder<Subscription> b)
    {
        b.ToTable("subscriptions_subscriptions");
        b.Property(x => x.YearLabel).HasMaxLength(9);
        b.Property(x => x.Reference).HasMaxLength(200);
        b.HasIndex(x => new { x.LocalAuthorityId, x.YearLabel });
        b.HasIndex(x => new { x.StartsOn, x.EndsOn });
    }
}

internal sealed class SubscriptionSchoolConfiguration : IEntityTypeConfiguration<SubscriptionSchool>
{
    public void Configure(EntityTypeBuilder<SubscriptionSchool> b)
    {
        b.ToTable("subscriptions_schools");
        b.HasKey(x => new { x.SubscriptionId, x.SchoolId });
        b.HasIndex(x => x.SchoolId);
    }
}

internal sealed class SubscriptionSettingsConfiguration : IEntityTypeConfiguration<SubscriptionSettings>
{
    public void Configure(EntityTypeBuilder<SubscriptionSettings> b)
    {
        b.ToTable("subscriptions_settings");
        b.Property(x => x.Id).ValueGeneratedNever();
    }
}
