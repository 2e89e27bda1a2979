namespace Preau.Web.Modules.Homework.Pages;

/// <summary>The form of a new entry: a séance and/or work to do, for the class or chosen pupils.</summary>
public sealed class EntryInput
{
    public DateOnly? Day { get; set; }
    public Guid SubjectId { get; set; }
    public string? Session { get; set; }
    public string? Work { get; set; }
    public DateOnly? DueOn { get; set; }
    public bool HandIn { get; set; }
    public TimeOnly? DueTime { get; set; }
    /// <summary>"classe" or "eleves".</summary>
    public string Recipients { get; set; } = "classe";
    public List<Guid> PupilIds { get; set; } = [];
    public List<IFormFile> Attachments { get; set; } = [];
}
