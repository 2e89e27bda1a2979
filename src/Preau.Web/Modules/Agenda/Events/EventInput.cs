using System.ComponentModel.DataAnnotations;
using Preau.Web.Modules.Agenda.Data;

namespace Preau.Web.Modules.Agenda.Events;

/// <summary>What the event form posts; dates and times are Paris wall-clock values.</summary>
public sealed class EventInput
{
    [Required(ErrorMessage = "Donnez un titre à l'événement.")]
    [StringLength(200, ErrorMessage = "Le titre ne doit pas dépasser 200 caractères.")]
    public string Title { get; set; } = "";

    [StringLength(200, ErrorMessage = "Le lieu ne doit pas dépasser 200 caractères.")]
    public string? Place { get; set; }

    [StringLength(4000, ErrorMessage = "La description ne doit pas dépasser 4000 caractères.")]
    public string? Description { get; set; }

    public bool AllDay { get; set; }

    [Required(ErrorMessage = "Indiquez la date.")]
    public DateOnly? Date { get; set; }

    public TimeOnly? StartTime { get; set; }
    public TimeOnly? EndTime { get; set; }

    /// <summary>Last day of an all-day event spanning several days; empty for one day.</summary>
    public DateOnly? EndDate { get; set; }

    /// <summary>The event repeats (whatever its rhythm: the name stayed from when it could only be weekly).</summary>
    public bool Weekly { get; set; }
    public DateOnly? RepeatUntil { get; set; }

    /// <summary>With <see cref="Weekly"/>: one of <see cref="Frequencies"/>.</summary>
    public string Frequency { get; set; } = "semaine-1";

    /// <summary>What the « Fréquence » list offers, in its order: the posted value, the words, and what it stores.</summary>
    public static readonly IReadOnlyList<(string Value, string Label, RepeatUnit Unit, int Weeks)> Frequencies =
    [
        ("jour", "Chaque jour", RepeatUnit.Day, 1),
        ("lundi-vendredi", "Du lundi au vendredi", RepeatUnit.Weekday, 1),
        ("semaine-1", "Chaque semaine", RepeatUnit.Week, 1),
        ("semaine-2", "Toutes les deux semaines", RepeatUnit.Week, 2),
        ("semaine-3", "Toutes les trois semaines", RepeatUnit.Week, 3),
        ("semaine-4", "Toutes les quatre semaines", RepeatUnit.Week, 4),
        ("mois-date", "Chaque mois, le même jour (par exemple le 15)", RepeatUnit.MonthDay, 1),
        ("mois-rang", "Chaque mois, le même jour de la semaine (par exemple le 2e mardi)", RepeatUnit.MonthWeekday, 1),
    ];

    public static string FrequencyOf(AgendaEvent e) =>
        Frequencies.FirstOrDefault(f => f.Unit == e.RepeatUnit && (f.Unit != RepeatUnit.Week || f.Weeks == Math.Clamp(e.RepeatWeeks, 1, Occurrences.MaxWeeks))).Value ?? "semaine-1";

    public bool SkipHolidays { get; set; }
}
