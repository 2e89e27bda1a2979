using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Preau.Web.Modules.Agenda.Data;

public enum AgendaKind
{
    Personal = 0,
    Class = 1,
    School = 2,
    Group = 3,
}

/// <summary>
/// An agenda belongs to one person, class, school or group (<see cref="OwnerId"/> is that person's, class's,
/// school's or group's id). It is created lazily the first time someone who may read it opens the agendas.
/// </summary>
public sealed class AgendaCalendar
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public AgendaKind Kind { get; set; }
    public Guid OwnerId { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>How a series repeats; weekly was the only way before (0, so that existing rows keep it).</summary>
public enum RepeatUnit
{
    Week = 0,
    Day = 1,
    /// <summary>Monday to Friday.</summary>
    Weekday = 2,
    /// <summary>The same date each month (a month without that date has none).</summary>
    MonthDay = 3,
    /// <summary>The same weekday of the same rank each month (« le 2e mardi »; the 5th is « le dernier »).</summary>
    MonthWeekday = 4,
}

/// <summary>
/// An event, stored in UTC. An all-day event runs from Paris midnight of its first day to Paris midnight after its
/// last day. A recurring event repeats by <see cref="RepeatUnit"/> (every <see cref="RepeatWeeks"/> weeks, every day, …)
/// at the same Paris wall-clock time until <see cref="RepeatUntil"/> (inclusive), during the school holidays too unless
/// <see cref="SkipHolidays"/>, except on <see cref="ExceptDays"/>; occurrences are expanded for display only, so editing
/// the row edits the whole series.
/// </summary>
public sealed class AgendaEvent
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid AgendaId { get; set; }
    public required string Title { get; set; }
    public string? Place { get; set; }
    /// <summary>Plain text, rendered encoded with its line breaks.</summary>
    public string? Description { get; set; }
    public bool AllDay { get; set; }
    public DateTime StartsAt { get; set; }
    public DateTime EndsAt { get; set; }
    public DateOnly? RepeatUntil { get; set; }
    /// <summary>Every week (1), every other week (2)… up to every four weeks.</summary>
    public int RepeatWeeks { get; set; } = 1;
    /// <summary>No occurrence on a day of the territory's school holidays (« la piscine le mardi, hors vacances »).</summary>
    public bool SkipHolidays { get; set; }
    /// <summary>What the series steps by: weeks (<see cref="RepeatWeeks"/> of them), days, school-week days, months.</summary>
    public RepeatUnit RepeatUnit { get; set; }
    /// <summary>Paris days taken out of the series (« sauf le 15 décembre »), as ISO dates separated by commas.</summary>
    public string? ExceptDays { get; set; }
    /// <summary>
    /// A day of a series changed on its own (« Modifier ce jour seulement »): the series it was taken out of, which lists
    /// that day among its exceptions and deletes it with itself; <see cref="SeriesDay"/> is the day it replaces.
    /// </summary>
    public Guid? SeriesId { get; set; }
    public DateOnly? SeriesDay { get; set; }
    public Guid AuthorId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    /// <summary>The UID of the imported iCalendar event, so that importing the same file again updates instead of duplicating.</summary>
    public string? ImportUid { get; set; }
}

/// <summary>
/// A private subscription link of one person to one agenda. Only the SHA-256 of the token is stored: the link is
/// shown once, and whoever reads the database cannot subscribe. Revoking deletes the row.
/// </summary>
public sealed class FeedToken
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid PersonId { get; set; }
    public Guid AgendaId { get; set; }
    public required string TokenHash { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>A school holiday period of one zone: from its first day off to its last day off, both inclusive.</summary>
public sealed class HolidayPeriod
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public required string Zone { get; set; }
    public required string Name { get; set; }
    public DateOnly FirstDay { get; set; }
    public DateOnly LastDay { get; set; }
}

/// <summary>The territory's holiday zone (A, B or C); one row.</summary>
public sealed class AgendaSettings
{
    public int Id { get; set; } = 1;
    public string Zone { get; set; } = "A";
    public DateTime? HolidaysUpdatedAt { get; set; }
}

internal sealed class AgendaConfigurations :
    IEntityTypeConfiguration<AgendaCalendar>, IEntityTypeConfiguration<AgendaEvent>, IEntityTypeConfiguration<FeedToken>,
    IEntityTypeConfiguration<HolidayPeriod>, IEntityTypeConfiguration<AgendaSettings>
{
    public void Configure(EntityTypeBuilder<AgendaCalendar> b)
    {
        b.ToTable("agenda_calendars");
        b.HasIndex(x => new { x.Kind, x.OwnerId }).IsUnique();
        b.HasIndex(x => x.OwnerId);
    }

    public void Configure(EntityTypeBuilder<AgendaEvent> b)
    {
        b.ToTable("agenda_events");
        b.Property(x => x.Title).HasMaxLength(200);
        b.Property(x => x.Place).HasMaxLength(200);
        b.Property(x => x.Description).HasMaxLength(4000);
        b.Property(x => x.ImportUid).HasMaxLength(300);
        b.Property(x => x.ExceptDays).HasMaxLength(Occurrences.MaxExceptions * 11);
        // Existing series were weekly: the column they get is 1, not 0.
        b.Property(x => x.RepeatWeeks).HasDefaultValue(1);
        b.HasIndex(x => new { x.AgendaId, x.StartsAt });
        b.HasIndex(x => new { x.AgendaId, x.ImportUid });
        b.HasIndex(x => x.SeriesId);
        b.HasOne<AgendaCalendar>().WithMany().HasForeignKey(x => x.AgendaId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<FeedToken> b)
    {
        b.ToTable("agenda_feed_tokens");
        b.Property(x => x.TokenHash).HasMaxLength(64);
        b.HasIndex(x => x.TokenHash).IsUnique();
        b.HasIndex(x => new { x.PersonId, x.AgendaId }).IsUnique();
        b.HasOne<AgendaCalendar>().WithMany().HasForeignKey(x => x.AgendaId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<HolidayPeriod> b)
    {
        b.ToTable("agenda_holidays");
        b.Property(x => x.Zone).HasMaxLength(1);
        b.Property(x => x.Name).HasMaxLength(100);
        b.HasIndex(x => new { x.Zone, x.FirstDay });
    }

    public void Configure(EntityTypeBuilder<AgendaSettings> b)
    {
        b.ToTable("agenda_settings");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Zone).HasMaxLength(1);
    }
}
