using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Preau.Web.Modules.UsageStats.Data;

/// <summary>
/// One use of the platform (a login, an action of a service, a page of a service), with only what the roll-up
/// needs: when (Paris day and hour), who (for distinct active users, never shown), their profile and where they
/// belong. Kept 12 months, then deleted by the roll-up.
/// </summary>
public sealed class UsageEvent
{
    public long Id { get; set; }
    public DateTime At { get; set; }
    /// <summary>Europe/Paris day and hour: the committee reads school days, not UTC ones.</summary>
    public DateOnly Day { get; set; }
    public short Hour { get; set; }
    public Guid PersonId { get; set; }
    /// <summary>The person's main profile (People.Data.Role as a number).</summary>
    public short Profile { get; set; }
    public Guid? SchoolId { get; set; }
    public Guid? ClassId { get; set; }
    public Guid? DistrictId { get; set; }
    /// <summary>The commune of the school; groupements are added at roll-up time.</summary>
    public Guid? AuthorityId { get; set; }
    public required string Service { get; set; }
    public required string Action { get; set; }
}

public enum UsagePeriod : short
{
    Day = 0,
    Week = 1,
    Month = 2,
}

public enum UsageLevel : short
{
    Territory = 0,
    District = 1,
    Authority = 2,
    School = 3,
    Class = 4,
}

/// <summary>
/// A count for one period and scope, sliced by profile, service, action and hour. "All" is -1 for numbers and ""
/// for names. No person appears here: <see cref="ActiveUsers"/> is the number of distinct people, counted at roll-up.
/// </summary>
public sealed class UsageAggregate
{
    public long Id { get; set; }
    public UsagePeriod Period { get; set; }
    public DateOnly PeriodStart { get; set; }
    public UsageLevel Level { get; set; }
    /// <summary>Guid.Empty for the territory.</summary>
    public Guid ScopeId { get; set; }
    public short Profile { get; set; } = -1;
    public string Service { get; set; } = "";
    public string Action { get; set; } = "";
    public short Hour { get; set; } = -1;
    public int Events { get; set; }
    public int ActiveUsers { get; set; }
}

/// <summary>Where the daily roll-up got to: it resumes from the day after.</summary>
public sealed class UsageRollupState
{
    public int Id { get; set; } = 1;
    public DateOnly? LastDay { get; set; }
    public DateTime? RanAt { get; set; }
}

internal sealed class UsageEventConfiguration : IEntityTypeConfiguration<UsageEvent>
{
    public void Configure(EntityTypeBuilder<UsageEvent> b)
    {
        b.ToTable("usage_events");
        b.Property(x => x.Service).HasMaxLength(32);
        b.Property(x => x.Action).HasMaxLength(32);
        b.HasIndex(x => x.Day);
    }
}

internal sealed class UsageAggregateConfiguration : IEntityTypeConfiguration<UsageAggregate>
{
    public void Configure(EntityTypeBuilder<UsageAggregate> b)
    {
        b.ToTable("usage_aggregates");
        b.Property(x => x.Service).HasMaxLength(32);
        b.Property(x => x.Action).HasMaxLength(32);
        b.HasIndex(x => new { x.Level, x.ScopeId, x.Period, x.PeriodStart });
        b.HasIndex(x => new { x.Period, x.PeriodStart });
        // The dashboards rank every school of the scope (every class of a school) by its totals over the period: on a
        // département's year of aggregates that was a scan of the whole table (252 ms of a 350 ms territory page). The
        // totals rows only, with what the ranking reads, so the database answers from the index alone (2 ms).
        b.HasIndex(x => new { x.Level, x.Period, x.Service, x.PeriodStart, x.ScopeId, x.Events }, "IX_usage_aggregates_totals")
            .HasFilter("\"Profile\" = -1 AND \"Hour\" = -1 AND \"Action\" = ''");
    }
}

internal sealed class UsageRollupStateConfiguration : IEntityTypeConfiguration<UsageRollupState>
{
    public void Configure(EntityTypeBuilder<UsageRollupState> b)
    {
        b.ToTable("usage_rollup_state");
        b.Property(x => x.Id).ValueGeneratedNever();
    }
}
