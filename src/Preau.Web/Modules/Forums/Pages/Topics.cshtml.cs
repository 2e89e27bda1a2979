using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Preau.Web.Modules.Shared;
using Preau.Web.Platform.Auth;

namespace Preau.Web.Modules.Forums.Pages;

/// <summary>The topics of a class's or group's forum, pinned first, with the reader's unread markers, and the form to open one.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class TopicsModel(ForumAccess access, ForumService forums) : PageModel
{
    public sealed class TopicInput
    {
        [Required(ErrorMessage = "Donnez un titre au sujet.")]
        [StringLength(150, ErrorMessage = "Le titre fait au plus 150 caractères.")]
        public string Title { get; set; } = "";

        [Required(ErrorMessage = "Écrivez votre message.")]
        [StringLength(ForumText.MaxLength, ErrorMessage = "Le message fait au plus 10 000 caractères.")]
        public string Body { get; set; } = "";
    }

    [BindProperty]
    public TopicInput Input { get; set; } = new();

    public ForumSpace Space { get; private set; } = null!;
    public ForumRights Rights { get; private set; } = ForumRights.None;
    public Paged<TopicRow> Topics { get; private set; } = new([], 1, ForumService.TopicsPerPage, 0);
    public int OpenReports { get; private set; }
    public string? ClosedReason { get; private set; }

    [TempData]
    public string? Notice { get; set; }

    public async Task<IActionResult> OnGetAsync(string kind, Guid id, int p = 1, CancellationToken ct = default) =>
        await LoadAsync(kind, id, p, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(string kind, Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(kind, id, 1, ct) || !Rights.Write)
        {
            return NotFound();
        }
        if (ClosedReason is not null)
        {
            // The warning above the form says why; what was typed stays in it.
            return Page();
        }
        var (body, isHtml) = ForumText.Clean(Input.Body ?? "", Rights.IsPupil);
        if (ModelState.IsValid && body.Length == 0)
        {
            ModelState.AddModelError("Input.Body", "Écrivez votre message.");
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var topic = await forums.CreateTopicAsync(Space.ScopeType, Space.ScopeId, Input.Title, body, isHtml, Rights.PersonId, ct);
        TempData["Notice"] = "Votre sujet est publié.";
        return Redirect($"/forum/sujet/{topic.Id}");
    }

    private async Task<bool> LoadAsync(string kind, Guid id, int p, CancellationToken ct)
    {
        if (ForumAccess.ScopeOf(kind) is not { } scope || !(Rights = await access.ForScopeAsync(scope, id, ct)).Read
            || await access.SpaceAsync(scope, id, ct) is not { } space)
        {
            return false;
        }
        Space = space;
        Topics = await forums.TopicsAsync(scope, id, Rights, p, ct);
        if (Rights.Moderate)
        {
            OpenReports = await forums.OpenReportCountAsync(scope, id, ct);
        }
        if (Rights.Write)
        {
            ClosedReason = await access.ClosedReasonAsync(ct);
        }
        return true;
    }
}
