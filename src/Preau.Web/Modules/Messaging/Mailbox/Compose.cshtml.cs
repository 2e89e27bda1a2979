using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.Communication.Contracts;
using Preau.Web.Modules.Messaging.Data;
using Preau.Web.Platform.Auth;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Messaging.Mailbox;

/// <summary>What the compose form posts. Attachments will be one more property here (and a file input in the form, already multipart).</summary>
public sealed class ComposeInput
{
    public Guid? DraftId { get; set; }
    public Guid? InReplyToId { get; set; }

    [StringLength(200, ErrorMessage = "L'objet ne doit pas dépasser 200 caractères.")]
    public string? Subject { get; set; }

    [StringLength(20000, ErrorMessage = "Le message ne doit pas dépasser 20 000 caractères.")]
    public string? Body { get; set; }

    /// <summary>Picker tokens: <c>p:person</c>, <c>cf:class</c> (its families), <c>st:school</c> (its staff), <c>g:group</c>.</summary>
    public List<string> To { get; set; } = [];
    public List<string> Cc { get; set; } = [];

    /// <summary>The picker's search box: posted with the rest so that nothing typed is lost.</summary>
    public string? Q { get; set; }
}

/// <summary>
/// Writing a message: new, reply, reply to all, forward, or a draft resumed. The recipient picker works without
/// JavaScript: « Chercher » posts the whole form back and lists the people the rules let the person reach, plus
/// the groups they may address. Sending asks the rules for every person and says who was skipped and why.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class ComposeModel(PreauDbContext db, AccessContext context, MailActions actions, RecipientDirectory directory, CommunicationRules rules) : PageModel
{
    public const int PickerSize = 30;

    [BindProperty]
    public ComposeInput Input { get; set; } = new();

    public IReadOnlyList<RecipientChoice> Chosen { get; private set; } = [];
    public IReadOnlyList<RecipientChoice> Groups { get; private set; } = [];
    public IReadOnlyList<Reachable> Found { get; private set; } = [];
    public int FoundTotal { get; private set; }
    public bool IsPupil { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid? a, Guid? reponse, bool tous, Guid? transfert, Guid? brouillon, CancellationToken ct)
    {
        var access = await context.GetAsync(ct);
        if (brouillon is { } draftId)
        {
            var draft = await db.Messages.AsNoTracking().FirstOrDefaultAsync(m => m.Id == draftId && m.SenderId == access.PersonId && m.SenderState == SenderState.Draft, ct);
            if (draft is null)
            {
                return NotFound();
            }
            var lines = (draft.DraftRecipients ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Input = new ComposeInput
            {
                DraftId = draft.Id, InReplyToId = draft.InReplyToId, Subject = draft.Subject, Body = draft.Body,
                To = [.. lines.Where(l => !l.StartsWith("cc|", StringComparison.Ordinal))],
                Cc = [.. lines.Where(l => l.StartsWith("cc|", StringComparison.Ordinal)).Select(l => l[3..])],
            };
        }
        else if ((reponse ?? transfert) is { } originalId)
        {
            var original = await (
                from m in db.Messages.AsNoTracking()
                where m.Id == originalId && m.SentAt != null && m.HiddenAt == null
                    && ((m.SenderId == access.PersonId && m.SenderState != SenderState.Deleted)
                        || db.MessageRecipients.Any(r => r.MessageId == originalId && r.PersonId == access.PersonId && r.State != RecipientState.Deleted))
                join p in db.Persons.AsNoTracking() on m.SenderId equals p.Id
                select new { m.Id, m.SenderId, m.Subject, m.Body, SentAt = m.SentAt!.Value, Sender = p.FirstName + " " + p.LastName })
                .FirstOrDefaultAsync(ct);
            if (original is null)
            {
                return NotFound();
            }
            Input.InReplyToId = original.Id;
            if (reponse is not null)
            {
                Input.Subject = Prefixed("Re : ", original.Subject);
                Input.Body = MailFormat.Quote(original.Sender, original.SentAt, original.Body);
                var recipients = await db.MessageRecipients.AsNoTracking().Where(r => r.MessageId == original.Id && r.PersonId != access.PersonId)
                    .OrderBy(r => r.Kind).Select(r => r.PersonId).Take(MailActions.MaxRecipients).ToListAsync(ct);
                if (original.SenderId != access.PersonId)
                {
                    Input.To = ["p:" + original.SenderId];
                    if (tous)
                    {
                        // Only those the person may write to: a parent answering a class message does not reach the other families.
                        var decisions = await rules.MayWriteManyAsync(access.PersonId, recipients, ct);
                        Input.Cc = [.. recipients.Where(r => r != original.SenderId && decisions[r].Allowed).Select(r => "p:" + r)];
                    }
                }
                else
                {
                    Input.To = [.. recipients.Select(r => "p:" + r)];
                }
            }
            else
            {
                Input.Subject = Prefixed("Tr : ", original.Subject);
                Input.Body = $"\n\n— Message transféré —\nDe : {original.Sender}\nDate : {MailFormat.When(original.SentAt)}\nObjet : {original.Subject}\n\n{original.Body}";
            }
        }
        else if (a is { } to)
        {
            Input.To = ["p:" + to];
        }
        await LoadAsync(access, ct);
        return Page();
    }

    /// <summary>« Envoyer ».</summary>
    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var access = await context.GetAsync(ct);
        if (Input.To.Count + Input.Cc.Count == 0)
        {
            ModelState.AddModelError("Input.To", "Choisissez au moins un destinataire.");
        }
        if (string.IsNullOrWhiteSpace(Input.Body))
        {
            ModelState.AddModelError("Input.Body", "Écrivez votre message avant de l'envoyer.");
        }
        if (!ModelState.IsValid)
        {
            await LoadAsync(access, ct);
            return Page();
        }
        var result = await actions.SendAsync(access, ToDraft(), ct);
        if (result.MessageId is not { } id)
        {
            var reasons = string.Join(" ", result.Skipped.Select(s => s.Reason).Distinct());
            ModelState.AddModelError("Input.To", result.Skipped.Count == 0
                ? "Aucun destinataire ne correspond à votre choix."
                : $"Ce message ne peut être envoyé à aucun des destinataires choisis. {reasons}");
            await LoadAsync(access, ct);
            return Page();
        }
        TempData["Notice"] = result.Skipped.Count == 0
            ? (result.Delivered == 1 ? "Message envoyé." : $"Message envoyé à {result.Delivered} personnes.")
            : $"Message envoyé à {result.Delivered} {(result.Delivered == 1 ? "personne" : "personnes")}. {result.Skipped.Count} {(result.Skipped.Count == 1 ? "destinataire n'a pas été retenu" : "destinataires n'ont pas été retenus")} : {string.Join(" ", result.Skipped.Select(s => s.Reason).Distinct())}";
        return Redirect("/messagerie/" + id);
    }

    /// <summary>« Enregistrer le brouillon »: nothing typed is lost, recipients included.</summary>
    public async Task<IActionResult> OnPostDraftAsync(CancellationToken ct)
    {
        var access = await context.GetAsync(ct);
        if (!ModelState.IsValid)
        {
            await LoadAsync(access, ct);
            return Page();
        }
        var id = await actions.SaveDraftAsync(access, ToDraft(), ct);
        TempData["Notice"] = "Brouillon enregistré.";
        return Redirect("/messagerie/nouveau?brouillon=" + id);
    }

    /// <summary>« Chercher » in the picker: the same form back, with the people found.</summary>
    public async Task<IActionResult> OnPostSearchAsync(CancellationToken ct)
    {
        ModelState.Clear();
        await LoadAsync(await context.GetAsync(ct), ct);
        return Page();
    }

    [TempData]
    public string? Notice { get; set; }

    private Draft ToDraft() => new(Input.DraftId, Input.InReplyToId, Input.Subject ?? "", Input.Body ?? "", Input.To.Distinct().ToList(), Input.Cc.Distinct().Except(Input.To).ToList());

    private async Task LoadAsync(Access access, CancellationToken ct)
    {
        IsPupil = MailActions.IsPupilOnly(access);
        Groups = await directory.GroupChoicesAsync(access, ct);
        Chosen = await directory.DescribeAsync(Input.To.Concat(Input.Cc), Groups, ct);
        var (found, total) = await rules.ReachableAsync(access.PersonId, Input.Q, 0, PickerSize, ct);
        Found = found;
        FoundTotal = total;
    }

    private static string Prefixed(string prefix, string subject)
    {
        var text = subject.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) ? subject : prefix + subject;
        return text.Length > 200 ? text[..200] : text;
    }
}
