import ArgumentParser

/// `wasend-bench`: one subcommand per component; each prints its figures.
@main
struct WasendBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wasend-bench",
        abstract: "Benchmarks of Wasend's components. They print figures; they never assert.",
        subcommands: [
            // One line per benchmark; keep this list sorted by name.
            KafkaBenchmark.self,
            RedisBenchmark.self,
            CloudAPIBenchmark.self,
            HTTPBenchmark.self,
            SimulatorBenchmark.self,
            PlannerBenchmark.self,
            AggregatorBenchmark.self,
            SenderBenchmark.self,
            WebhookBenchmark.self,
            LimiterBenchmark.self,
            UploadBenchmark.self,
        ]
    )
}
