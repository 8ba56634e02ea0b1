using FlaxGuard.NanoGate.Cli;

return NanoGateCli.Run(args, Console.Out, Console.Error);
