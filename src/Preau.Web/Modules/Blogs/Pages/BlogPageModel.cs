using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Preau.Web.Modules.Blogs.Pages;

/// <summary>A page of one blog. Only the reading pages of a public blog may be indexed by search engines.</summary>
public abstract class BlogPageModel : PageModel
{
    public BlogContext B { get; protected set; } = null!;

    public bool NoIndex { get; private set; }

    /// <summary>Says noindex (header and meta) unless this is a reading page of a public blog.</summary>
    protected void SetRobots(bool readingPage)
    {
        NoIndex = !readingPage || !B.IsPublic;
        if (NoIndex)
        {
            Response.Headers["X-Robots-Tag"] = "noindex";
        }
    }
}
