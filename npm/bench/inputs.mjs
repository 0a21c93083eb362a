// Inputs shared by the Node benchmarks (the same as benches/inputs.rs).

/** A call status callback: 25 parameters. */
export const status =
  "Called=%2B14155550199&ToState=CA&CallerCountry=US&Direction=outbound-api&Timestamp=Tue%2C+03+Jun+2025+17%3A12%3A41+%2B0000" +
  "&CallbackSource=call-progress-events&SipResponseCode=200&CallerState=CA&ToZip=94105&SequenceNumber=3" +
  "&CallSid=CA0123456789abcdef0123456789abcdef&To=%2B14155550199&CallerZip=94105&ToCountry=US&ApiVersion=2010-04-01" +
  "&CalledCity=SAN+FRANCISCO&CallStatus=completed&Duration=1&From=%2B14155550100&CallDuration=49" +
  "&AccountSid=AC0123456789abcdef0123456789abcdef&CalledCountry=US&CallerCity=SAN+FRANCISCO&Caller=%2B14155550100" +
  "&FromCountry=US";
