using System.Text.Json.Serialization;
using TensorOne.Simulator.Requests;

namespace TensorOne.Simulator.Responses;

[JsonSerializable(typeof(SuccessEnvelope<ClusterJson>))]
[JsonSerializable(typeof(SuccessEnvelope<ClusterListJson>))]
[JsonSerializable(typeof(SuccessEnvelope<DataLevelClusterListJson>))]
[JsonSerializable(typeof(SuccessEnvelope<StopResultJson>))]
[JsonSerializable(typeof(SuccessEnvelope<RestartResultJson>))]
[JsonSerializable(typeof(BareClusterJson))]
[JsonSerializable(typeof(IReadOnlyList<BareClusterJson>))]
[JsonSerializable(typeof(EnvelopeErrorJson))]
[JsonSerializable(typeof(BareErrorJson))]
[JsonSerializable(typeof(StopClusterRequest))]
[JsonSerializable(typeof(RestartClusterRequest))]
internal sealed partial class SimulatorJsonContext : JsonSerializerContext;
