using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Preau.Web.Modules.Blogs.Data;
using Preau.Web.Modules.Files.Contracts;
using Preau.Web.Platform.Auth;

namespace Preau.Web.Modules.Blogs.Pages;

/// <summary>
/// Writing or changing an article. Teachers and owners publish (now or at a chosen date); a pupil's article goes to
/// the teacher (soumis). Uploads and tagged pupils are saved with it; a tagged pupil without photo authorisation keeps
/// the article from the public, and the author is told so.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
[RequestSizeLimit(110L * 1024 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = 110L * 1024 * 1024)]
public sealed class WriteModel(BlogQueries queries, BlogActions actions, IFileService files) : BlogPageModel
{
    [BindProperty]
    public ArticleInput Input { get; set; } = new();

    [BindProperty]
    public List<IFormFile> Uploads { get; set; } = [];

    public BlogArticle? Existing { get; private set; }
    public IReadOnlyList<BlogCategory> Categories { get; private set; } = [];
    public IReadOnlyList<(Guid Id, string Name, bool PhotoAllowed)> Pupils { get; private set; } = [];
    /// <summary>The article's files already stored.</summary>
    public IReadOnlyList<FileInfoRow> Files { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string slug, Guid? id, CancellationToken ct)
    {
        if (!await LoadAsync(slug, id, ct))
        {
            return NotFound();
        }
        if (Existing is { } a)
        {
            Input = new ArticleInput
            {
                Title = a.Title, Body = a.Body, CategoryId = a.CategoryId, PublishAt = Platform.Time.ParisDate.ToParis(a.PublishAt),
                Pupils = [.. await queries.TaggedAsync(a.Id, ct)],
            };
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string slug, Guid? id, CancellationToken ct)
    {
        if (!await LoadAsync(slug, id, ct))
        {
            return NotFound();
        }
        if (string.IsNullOrWhiteSpace(Input.Title))
        {
            ModelState.AddModelError("Input.Title", "Donnez un titre à l'article.");
        }
        if (string.IsNullOrWhiteSpace(Input.Body))
        {
            ModelState.AddModelError("Input.Body", "Écrivez le texte de l'article.");
        }
        if (!B.Rights.PublishesDirectly)
        {
            Input.PublishAt = null;
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var (article, errors) = await actions.SaveAsync(B, Existing, Input, Uploads, ct);
        if (article is null)
        {
            foreach (var e in errors)
            {
                ModelState.AddModelError("Uploads", e);
            }
            return Page();
        }
        TempData["Notice"] = article.Status switch
        {
            ArticleStatus.Published => article.PublishAt > queries.Now ? "L'article est programmé." : "L'article est publié.",
            ArticleStatus.Submitted => B.Rights.ForPupil ? "Ton article est envoyé à ton enseignant." : "Votre article est envoyé à l'enseignant de la classe, qui le relira avant sa publication.",
            _ => "Le brouillon est enregistré.",
        };
        if (B.Blog.Visibility != BlogVisibility.Members && await queries.IsPhotoBlockedAsync(article.Id, ct))
        {
            TempData["Warning"] = "Un élève visible sur les photos n'a pas d'autorisation de publication de son image : cet article reste visible des seuls membres du blog, pas du public.";
        }
        return Redirect($"{B.Url}/{article.Slug}");
    }

    public async Task<IActionResult> OnPostDeleteAsync(string slug, Guid? id, CancellationToken ct)
    {
        if (!await LoadAsync(slug, id, ct) || Existing is null)
        {
            return NotFound();
        }
        await actions.DeleteAsync(B, Existing, ct);
        TempData["Notice"] = "L'article est supprimé.";
        return Redirect(B.Url);
    }

    private async Task<bool> LoadAsync(string slug, Guid? id, CancellationToken ct)
    {
        if (await queries.OpenAsync(slug, ct) is not { } b || !b.Rights.MayContribute)
        {
            return false;
        }
        B = b;
        SetRobots(readingPage: false);
        if (id is { } articleId)
        {
            Existing = await queries.FindAsync(b.Blog.Id, articleId, ct);
            if (Existing is null || !BlogActions.MayEdit(b, Existing))
            {
                return false;
            }
            Files = [.. (await files.ListAsync(BlogActions.FilePurpose, [articleId], ct))[articleId]];
        }
        Categories = await queries.CategoriesAsync(b.Blog.Id, ct);
        Pupils = await queries.TaggablePupilsAsync(b.Blog, ct);
        return true;
    }
}
