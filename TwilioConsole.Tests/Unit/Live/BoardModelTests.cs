using TwilioConsole.Core.Data.Entities;
using TwilioConsole.Core.Live;

namespace TwilioConsole.Tests.Unit.Live;

/// <summary>The board's aggregations: service level, abandoned, averages, hour buckets by time zone, repeats and order.</summary>
[Trait("Lane", "Unit")]
public sealed class BoardModelTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 15, 0, 0, TimeSpan.Zero);
    private static long _id;

    private static BoardEvent E(string type, string task, DateTimeOffset at, string queue = "Support", string? worker = null, string? activity = null) => new()
    {
        Id = Interlocked.Increment(ref _id), EventKey = Guid.NewGuid().ToString(), EventType = type, OccurredAt = at, TaskSid = task,
        QueueName = queue, WorkerSid = worker is null ? null : "WK" + worker, WorkerName = worker, Activity = activity,
    };

    private static BoardModel With(params BoardEvent[] events)
    {
        var model = new BoardModel();
        foreach (var e in events)
        {
            model.Apply(e);
        }

        return model;
    }

    private static QueueBoard Support(BoardModel model, TimeZoneInfo? zone = null) =>
        model.Snapshot(Now, zone ?? TimeZoneInfo.Utc, 20).Queues.Single(q => q.Name == "Support");

    [Fact]
    public void ServiceLevel_AbandonedAndAverages_AreToday()
    {
        var t = Now.AddHours(-2);
        var model = With(
            E("task.created", "WT1", t), E("reservation.accepted", "WT1", t.AddSeconds(10), worker: "Sam"), E("task.completed", "WT1", t.AddSeconds(130)),
            E("task.created", "WT2", t), E("reservation.accepted", "WT2", t.AddSeconds(30), worker: "Sam"), E("task.completed", "WT2", t.AddSeconds(90)),
            E("task.created", "WT3", t), E("task.canceled", "WT3", t.AddSeconds(5)),
            E("task.created", "WT0", Now.AddDays(-1)), E("reservation.accepted", "WT0", Now.AddDays(-1).AddSeconds(2))); // yesterday: not today's

        var support = Support(model);

        Assert.Equal((2, 1), (support.AcceptedToday, support.AbandonedToday));
        Assert.Equal(1.0 / 3, support.ServiceLevel!.Value, 3); // within 20 s: WT1 only, of 2 answered + 1 abandoned
        Assert.Equal(TimeSpan.FromSeconds(20), support.AverageWait);
        Assert.Equal(TimeSpan.FromSeconds(90), support.AverageHandle); // (120 + 60) / 2
        Assert.Equal(0, support.Waiting);
    }

    [Fact]
    public void RepeatedAndOutOfOrderEvents_CountOnce()
    {
        var t = Now.AddMinutes(-10);
        var inOrder = With(E("task.created", "WT1", t), E("reservation.accepted", "WT1", t.AddSeconds(15), worker: "Sam"), E("task.completed", "WT1", t.AddSeconds(75)));
        var shuffled = With(
            E("task.completed", "WT1", t.AddSeconds(75)), E("reservation.accepted", "WT1", t.AddSeconds(15), worker: "Sam"),
            E("task.created", "WT1", t), E("task.created", "WT1", t), E("reservation.accepted", "WT1", t.AddSeconds(15), worker: "Sam"));

        var (expected, actual) = (Support(inOrder), Support(shuffled));
        Assert.Equal(expected, actual with { CallsByHour = expected.CallsByHour });
        Assert.Equal(expected.CallsByHour, actual.CallsByHour);
        Assert.Equal(1, actual.AcceptedToday);
    }

    [Fact]
    public void HourBuckets_FollowTheAccountsTimeZone_AcrossTheEndOfSummerTime()
    {
        var newYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        var now = new DateTimeOffset(2026, 11, 1, 15, 0, 0, TimeSpan.Zero); // summer time ended at 06:00 UTC (02:00 EDT → 01:00 EST)
        var model = With(
            E("task.created", "WT1", new DateTimeOffset(2026, 11, 1, 5, 30, 0, TimeSpan.Zero)),  // 01:30 EDT
            E("task.created", "WT2", new DateTimeOffset(2026, 11, 1, 6, 30, 0, TimeSpan.Zero)),  // 01:30 EST, the hour again
            E("task.created", "WT3", new DateTimeOffset(2026, 11, 1, 3, 59, 0, TimeSpan.Zero)),  // 23:59 EDT on 31 October: yesterday
            E("task.created", "WT4", new DateTimeOffset(2026, 11, 1, 14, 0, 0, TimeSpan.Zero))); // 09:00 EST

        var hours = model.Snapshot(now, newYork, 20).Queues.Single().CallsByHour;

        Assert.Equal(2, hours[1]);
        Assert.Equal(1, hours[9]);
        Assert.Equal(3, hours.Sum());
        Assert.Equal(new DateTimeOffset(2026, 11, 1, 4, 0, 0, TimeSpan.Zero), BoardModel.StartOfDay(now, newYork));
    }

    [Fact]
    public void Waiting_LongestWait_AndBusyAgents_AreNow()
    {
        var model = With(
            E("task.created", "WT1", Now.AddSeconds(-90)), E("task.created", "WT2", Now.AddSeconds(-30)),
            E("task.created", "WT3", Now.AddSeconds(-200)), E("reservation.accepted", "WT3", Now.AddSeconds(-100), worker: "Sam"));
        model.Reconcile(new BoardReconcile(Now, [new ReconciledQueue("Support", null, ["WKSam", "WKAlex"])],
            [new ReconciledAgent("WKSam", "Sam", "Available", true), new ReconciledAgent("WKAlex", "Alex", "Available", true)]));

        var snapshot = model.Snapshot(Now, TimeZoneInfo.Utc, 20);
        var support = snapshot.Queues.Single();

        Assert.Equal((2, TimeSpan.FromSeconds(90)), (support.Waiting, support.LongestWait));
        Assert.Equal((1, 1), (support.AgentsAvailable, support.AgentsBusy));
        var sam = snapshot.Agents.Single(a => a.Name == "Sam");
        Assert.Equal(("Support", "talking", false), (sam.TaskQueue, sam.TaskState, sam.Available));
    }

    [Fact]
    public void TheReconcile_DropsWaitingTasksTaskRouterNoLongerHas()
    {
        var model = With(E("task.created", "WT1", Now.AddSeconds(-90)), E("task.created", "WT2", Now.AddSeconds(-30)));

        model.Reconcile(new BoardReconcile(Now, [new ReconciledQueue("Support", 1, [])], []));

        var support = Support(model);
        Assert.Equal((1, TimeSpan.FromSeconds(30)), (support.Waiting, support.LongestWait)); // the older one's cancel was missed
        Assert.Equal(0, support.AbandonedToday); // and it is not counted as abandoned
    }

    [Fact]
    public void ActivityUpdates_KeepTheLatest_WhateverTheOrder()
    {
        var model = With(
            E("worker.activity.update", "", Now.AddSeconds(-10), worker: "Sam", activity: "Break"),
            E("worker.activity.update", "", Now.AddSeconds(-60), worker: "Sam", activity: "Available"));

        Assert.Equal("Break", model.Snapshot(Now, TimeZoneInfo.Utc, 20).Agents.Single().Activity);
    }

    [Fact]
    public void Days_GiveEachDaysFigures()
    {
        var yesterday = Now.AddDays(-1);
        var model = With(
            E("task.created", "WT1", yesterday), E("task.canceled", "WT1", yesterday.AddSeconds(40)),
            E("task.created", "WT2", Now.AddHours(-1)), E("reservation.accepted", "WT2", Now.AddHours(-1).AddSeconds(5), worker: "Sam"));

        var days = model.Days(DateOnly.FromDateTime(yesterday.UtcDateTime), DateOnly.FromDateTime(Now.UtcDateTime), TimeZoneInfo.Utc, 20);

        Assert.Equal([(1, 0, 1, 0.0), (1, 1, 0, 1.0)], days.Select(d => (d.Calls, d.Answered, d.Abandoned, d.ServiceLevel!.Value)));
    }
}
