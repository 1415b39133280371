using TwilioConsole.Core.Routing;

namespace TwilioConsole.Tests.Unit.Routing;

[Trait("Lane", "Unit")]
public sealed class TaskRouterExpressionTests
{
    private const string Task = """{"type":"support","priority":5,"vip":true,"language":"de","tags":["billing","urgent"],"customer":{"tier":"gold","name":"Zoë"}}""";
    private const string Worker = """{"routing":{"skills":["support","troubleshooting"],"levels":{"support":3}},"contact_uri":"client:alice"}""";

    [Theory]
    [InlineData("1==1", Task, true)]
    [InlineData("type == \"support\"", Task, true)]
    [InlineData("type == 'troubleshooting'", Task, false)]
    [InlineData("type != \"troubleshooting\"", Task, true)]
    [InlineData("priority > 3", Task, true)]
    [InlineData("priority <= 4", Task, false)]
    [InlineData("priority >= 5 AND vip == true", Task, true)]
    [InlineData("language IN ['de', 'fr']", Task, true)]
    [InlineData("language NOT IN ['de', 'fr']", Task, false)]
    [InlineData("tags HAS 'urgent'", Task, true)]
    [InlineData("tags CONTAINS 'billing'", Task, true)]
    [InlineData("customer.name CONTAINS 'Zo'", Task, true)]
    [InlineData("customer.tier == 'gold' OR type == 'sales'", Task, true)]
    [InlineData("(type == 'sales' OR type == 'support') AND customer.tier == 'silver'", Task, false)]
    [InlineData("type == \"support\" and priority > 1", Task, true)]
    [InlineData("routing.skills HAS \"troubleshooting\"", Worker, true)]
    [InlineData("routing.skills HAS \"sales\"", Worker, false)]
    [InlineData("routing.levels.support >= 2", Worker, true)]
    public void Evaluate_TruthTable(string expression, string attributes, bool expected) =>
        Assert.Equal(expected, TaskRouterExpression.Parse(expression).Evaluate(attributes));

    [Theory]
    [InlineData("missing == 'x'")]
    [InlineData("missing != 'x'")]
    [InlineData("customer.missing.deeper == 1")]
    [InlineData("type > 3")]          // a string is not a number
    [InlineData("priority == '5'")]   // a number is not a string
    [InlineData("type HAS 'support'")] // HAS needs a list
    public void Evaluate_MissingAttributesAndTypeMismatches_AreFalse(string expression) =>
        Assert.False(TaskRouterExpression.Parse(expression).Evaluate(Task));

    [Theory]
    [InlineData("type ==", 7, "Expected a value")]
    [InlineData("type 'support'", 5, "Expected an operator")]
    [InlineData("(type == 'a'", 12, "Expected ')'")]
    [InlineData("type == 'a' AND", 15, "Expected a value")]
    [InlineData("type == 'open", 8, "no closing quote")]
    [InlineData("type NOT 'a'", 9, "Expected IN after NOT")]
    [InlineData("type == 'a' 'b'", 12, "Expected AND, OR or the end")]
    [InlineData("x IN ['a', ]", 11, "Expected an attribute, a string")]
    public void Parse_Invalid_SaysWhereAndWhat(string expression, int position, string message)
    {
        var error = TaskRouterExpression.Check(expression);

        Assert.NotNull(error);
        Assert.Equal(position, error.Position);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }
}
