using System.ComponentModel.DataAnnotations;

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

    public bool Weekly { get; set; }
    public DateOnly? RepeatUntil { get; set; }

    /// <summary>With <see cref="Weekly"/>: every 1 to 4 weeks.</summary>
    [Range(1, Occurrences.MaxWeeks, ErrorMessage = "Choisissez une fréquence d'une à quatre semaines.")]
    public int EveryWeeks { get; set; } = 1;

    public bool SkipHolidays { get; set; }
}
