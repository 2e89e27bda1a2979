using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.Files.Contracts;
using Preau.Web.Modules.LiaisonBook.Attachments;
using Preau.Web.Modules.LiaisonBook.Data;
using Preau.Web.Modules.Notifications.Contracts;
using Preau.Web.Platform.Auth;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.LiaisonBook.Notes;

/// <summary>
/// One note. Staff (the classes' teachers, the director, administrators) see the signatures per pupil, the answers
/// and the families' replies, and remind those who have not signed; a guardian signs for their children and
/// replies, privately to the class's teachers. Anyone else gets 404.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class DetailsModel(PreauDbContext db, AccessContext context, LiaisonActions actions, NoteAttachments attachments, INotificationReads reads) : PageModel
{
    public sealed record ReplyRow(Guid PupilId, string Author, string Text, DateTime At);

    public OpenNote Open { get; private set; } = null!;
    public Guid PersonId { get; private set; }
    public IReadOnlyDictionary<Guid, string> ClassNames { get; private set; } = new Dictionary<Guid, string>();
    public ILookup<Guid, ReplyRow> Replies { get; private set; } = Array.Empty<ReplyRow>().ToLookup(r => r.PupilId);
    public IReadOnlyList<FileInfoRow> Attachments { get; private set; } = [];

    [TempData]
    public string? Notice { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid noteId, CancellationToken ct)
    {
        if (await actions.OpenAsync(noteId, ct) is not { } open)
        {
            return NotFound();
        }
        Open = open;
        PersonId = (await context.GetAsync(ct)).PersonId;
        var classIds = open.Board.ClassesOf[noteId].ToList();
        ClassNames = await db.Classes.AsNoTracking().Where(c => classIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        // Replies of the families this person may read: their own children, or the pupils of the classes they follow.
        var pupilIds = open.OwnChildren.Select(c => c.Id).Concat(open.StaffPupils.Select(p => p.Id)).Distinct().ToList();
        var replies = await (from r in db.LiaisonReplies.AsNoTracking()
                             where r.NoteId == noteId && pupilIds.Contains(r.PupilId)
                             join p in db.Persons.AsNoTracking() on r.AuthorId equals p.Id
                             orderby r.At
                             select new ReplyRow(r.PupilId, p.FirstName + " " + p.LastName, r.Text, r.At)).ToListAsync(ct);
        Replies = replies.ToLookup(r => r.PupilId);
        Attachments = [.. (await attachments.OfNotesAsync([noteId], ct))[noteId]];
        // Opened here, its notifications are read (the bell stops counting them).
        await reads.MarkReadAsync($"/liaison/{noteId}", ct);
        return Page();
    }

    public async Task<IActionResult> OnPostSignAsync(Guid noteId, Guid pupilId, string? answer, CancellationToken ct)
    {
        var outcome = await actions.SignAsync(noteId, pupilId, answer, ct);
        if (outcome is null)
        {
            return NotFound();
        }
        Notice = outcome switch
        {
            SignOutcome.Signed => "Merci, votre signature est enregistrée.",
            SignOutcome.AnswerMissing => "Choisissez une réponse à la question avant de signer.",
            _ => "Ce mot est déjà signé.",
        };
        return Redirect($"/liaison/{noteId}");
    }

    public async Task<IActionResult> OnPostRemindAsync(Guid noteId, CancellationToken ct)
    {
        if (await actions.OpenAsync(noteId, ct) is not { IsStaff: true } open)
        {
            return NotFound();
        }
        var sent = await actions.RemindAsync(open, ct);
        Notice = sent == 0
            ? "Aucune famille à relancer : toutes ont signé."
            : sent == 1 ? "Un responsable a été relancé." : $"{sent} responsables ont été relancés.";
        return Redirect($"/liaison/{noteId}");
    }

    public async Task<IActionResult> OnPostReplyAsync(Guid noteId, Guid pupilId, string? text, CancellationToken ct)
    {
        if (await actions.OpenAsync(noteId, ct) is not { } open)
        {
            return NotFound();
        }
        if (string.IsNullOrWhiteSpace(text))
        {
            Notice = "Votre réponse est vide : écrivez votre message avant de l'envoyer.";
            return Redirect($"/liaison/{noteId}");
        }
        if (!await actions.ReplyAsync(open, pupilId, text.Length > 4000 ? text[..4000] : text, ct))
        {
            return NotFound();
        }
        Notice = "Votre réponse a été envoyée.";
        return Redirect($"/liaison/{noteId}");
    }

    public static string Answered(IEnumerable<Acknowledgement> acks) => string.Join(", ", acks.Where(a => a.Answer is not null).Select(a => a.Answer));
}
