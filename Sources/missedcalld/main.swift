import Foundation
import Gateway
import Logging

await MissedCallDaemon.main()
