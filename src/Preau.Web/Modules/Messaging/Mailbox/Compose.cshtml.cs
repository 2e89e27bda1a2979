using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.Communication.Contracts;
using Preau.Web.Modules.Files.Contracts;
using Preau.Web.Modules.Messaging.Attachments;
using Preau.Web.Modules.Messaging.Data;
using Preau.Web.Platform.Auth;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Messaging.Mailbox;

/// <summary>What the compose form posts.</summary>
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

    /// <summary>New files, stored when the message is sent (not kept in a draft).</summary>
    public List<IFormFile> Attachments { get; set; } = [];

    /// <summary>Files of the forwarded message (<see cref="InReplyToId"/>) to copy into this one.</summary>
    public List<Guid> Forwarded { get; set; } = [];
}

/// <summary>
/// Writing a message: new, reply, reply to all, forward, or a draft resumed. The recipient picker works without
/// JavaScript: « Chercher » posts the whole form back and lists the people the rules let the person reach, plus
/// the groups they may address. Sending asks the rules for every person and says who was skipped and why.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
[RequestSizeLimit(MessageAttachments.MaxRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = MessageAttachments.MaxRequestBytes)]
public sealed class ComposeModel(PreauDbContext db, AccessContext context, MailActions actions, RecipientDirectory directory, CommunicationRules rules, MessageAttachments attachments) : PageModel
{
    public const int PickerSize = 30;

    [BindProperty]
    public ComposeInput Input { get; set; } = new();

    public IReadOnlyList<RecipientChoice> Chosen { get; private set; } = [];
    public IReadOnlyList<RecipientChoice> Groups { get; private set; } = [];
    public IReadOnlyList<Reachable> Found { get; private set; } = [];
    public int FoundTotal { get; private set; }
    public bool IsPupil { get; private set; }
    public IReadOnlyList<FileInfoRow> ForwardedFiles { get; private set; } = [];
    public QuotaUsage Usage { get; private set; } = new(0, 0);

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
                Input.Forwarded = [.. (await attachments.OfMessagesAsync([original.Id], ct))[original.Id].Select(f => f.Id)];
                Input.Body = $"\n\n— Message transféré —\nDe : {original.Sender}\nDate : {MailFormat.When(original.SentAt)}\nObjet : {original.Subject}\n\n{original.Body}";
            }
        }
        else if (a is { } to && (await rules.MayWriteAsync(access.PersonId, to, ct)).Allowed)
        {
            // A link from the directory; someone the person may not reach is silently left out (the link may be forged).
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
        // Files are stored first, under the id the message will have (the draft's, if one is being sent).
        var ownerId = Input.DraftId is { } draftId && await db.Messages.AnyAsync(m => m.Id == draftId && m.SenderId == access.PersonId && m.SenderState == SenderState.Draft, ct)
            ? draftId : Guid.NewGuid();
        var withFiles = Input.Attachments.Any(f => f.Length > 0 || !string.IsNullOrEmpty(f.FileName)) || Input.Forwarded.Count > 0;
        if (withFiles && await attachments.SaveAllAsync(access, ownerId, Input.Attachments, Input.InReplyToId, Input.Forwarded, ct) is { } refused)
        {
            ModelState.AddModelError("Input.Attachments", refused);
            ModelState.AddModelError("Input.Attachments", "Le message n'a pas été envoyé : choisissez à nouveau les pièces jointes (le texte et les destinataires sont conservés).");
            await LoadAsync(access, ct);
            return Page();
        }
        var result = await actions.SendAsync(access, ToDraft(), ct, ownerId);
        if (result.MessageId is not { } id)
        {
            if (withFiles)
            {
                await attachments.DiscardAsync(ownerId, ct);
            }
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
        Usage = await attachments.UsageAsync(access.PersonId, ct);
        if (Input.InReplyToId is { } original && Input.Forwarded.Count > 0 && await attachments.MayReadAsync(access.PersonId, original, ct))
        {
            ForwardedFiles = [.. (await attachments.OfMessagesAsync([original], ct))[original].Where(f => Input.Forwarded.Contains(f.Id))];
        }
    }

    private static string Prefixed(string prefix, string subject)
    {
        var text = subject.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) ? subject : prefix + subject;
        return text.Length > 200 ? text[..200] : text;
    }
}
