using System.Linq.Expressions;
using Preau.Web.Platform.Data;

namespace Preau.Tests.Platform;

public sealed class QueryTemplateTests
{
    private static readonly Expression<Func<IQueryable<int>, int, IQueryable<int>>> AtLeast = (source, min) => source.Where(x => x >= min);

    private static readonly Expression<Func<IQueryable<int>, int, IQueryable<int>>> Even = (source, min) =>
        AtLeast.Inline(source, min).Where(x => x % 2 == 0);

    [Fact]
    public void ATemplateInlinedInAQuery_IsReplacedByItsBody_WithTheCallersArguments_EvenWhenItInlinesAnother()
    {
        var query = QueryTemplate.Expand<Func<int[], int, int>>((values, min) => Even.Inline(values.AsQueryable(), min + 1).Count());

        Assert.DoesNotContain("Inline", query.ToString());
        Assert.Equal(3, query.Compile()([1, 2, 3, 4, 5, 6, 7, 8], 3)); // 4, 6, 8
        Assert.Equal(0, query.Compile()([1, 2, 3], 5));
    }

    [Fact]
    public void ATemplateCalledOutsideExpand_SaysSo()
    {
        var e = Assert.Throws<InvalidOperationException>(() => AtLeast.Inline(new[] { 1 }.AsQueryable(), 0));
        Assert.Contains("QueryTemplate.Expand", e.Message);
    }
}
